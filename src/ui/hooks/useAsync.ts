import {useCallback, useEffect, useRef, useState} from 'react';

export type Async<T> =
  | {status: 'pending'; value?: undefined; error?: undefined}
  | {status: 'done'; value: T; error?: undefined}
  | {status: 'error'; value?: undefined; error: string};

export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // One line: engines may throw multi-line texts; the first line says it.
  return msg.split('\n')[0] || 'unknown error';
}

/**
 * Runs `fn` when `deps` change (and on `rerun()`); a result arriving after
 * unmount or after a newer run started is dropped.
 */
export function useAsync<T>(fn: () => Promise<T>, deps: readonly unknown[]): Async<T> & {rerun: () => void} {
  const [state, setState] = useState<Async<T>>({status: 'pending'});
  const [tick, setTick] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const mine = ++generation.current;
    setState({status: 'pending'});
    Promise.resolve()
      .then(fn)
      .then(
        (value) => {
          if (generation.current === mine) setState({status: 'done', value});
        },
        (err: unknown) => {
          if (generation.current === mine) setState({status: 'error', error: errorText(err)});
        },
      );
    return () => {
      // Invalidate on unmount or re-run.
      if (generation.current === mine) generation.current++;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const rerun = useCallback(() => setTick((t) => t + 1), []);
  return {...state, rerun};
}
