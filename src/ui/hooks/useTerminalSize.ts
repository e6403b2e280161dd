import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/**
 * Columns and rows, re-read on resize (Ink re-lays out on resize but does
 * not re-render components, so widths computed from them would go stale).
 * Defaults when unknown: 80 × 24.
 */
export function useTerminalSize(): {columns: number; rows: number} {
  const {stdout} = useStdout();
  const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return size;
}
