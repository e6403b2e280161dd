/**
 * The doctor screen's rehearsal step: asks first (it loads the model and keeps the GPU busy for up to a few
 * minutes), then shows a live progress line; esc stops the request and shows what was measured so far.
 */
import {useEffect, useRef, useState} from 'react';
import {Box, Text, useInput} from 'ink';
import {Busy} from '../components/Busy.js';
import {Failure} from '../components/Failure.js';
import {KeyHints} from '../components/KeyHints.js';
import {Wrap} from '../components/Wrap.js';
import {useKeysActive} from '../hooks/keys.js';
import {errorText} from '../hooks/useAsync.js';
import {useSession} from '../hooks/session.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';

type Phase =
  | {kind: 'ask'}
  | {kind: 'running'; line: string}
  | {kind: 'done'; text: string}
  | {kind: 'failed'; message: string};

export function Rehearsal({onDone}: {onDone: () => void}) {
  const {services} = useSession();
  const active = useKeysActive();
  const {columns} = useTerminalSize();
  const [phase, setPhase] = useState<Phase>({kind: 'ask'});
  const abort = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => abort.current?.abort(), []);

  const start = (): void => {
    if (!services.rehearse) return;
    const ac = new AbortController();
    abort.current = ac;
    setPhase({kind: 'running', line: 'starting…'});
    services
      .rehearse({
        width: columns,
        signal: ac.signal,
        onProgress: (line) => setPhase((p) => (p.kind === 'running' ? {kind: 'running', line} : p)),
      })
      .then(
        (r) => setPhase({kind: 'done', text: r.text}),
        (e: unknown) => setPhase({kind: 'failed', message: errorText(e)}),
      );
  };

  useInput(
    (input, key) => {
      if (phase.kind === 'ask') {
        if (input === 'y' || key.return) start();
        else if (input === 'n' || key.escape) onDone();
      } else if (phase.kind === 'running') {
        if (key.escape) abort.current?.abort();
      } else if (key.return || key.escape) onDone();
    },
    {isActive: active},
  );

  if (phase.kind === 'ask') {
    return (
      <Box flexDirection="column">
        <Wrap bold>Rehearse OpenClaw&apos;s request?</Wrap>
        <Wrap>
          This sends your primary model a request of OpenClaw&apos;s real size (its system prompt and 12 tools,
          streamed) and measures load time, first token, prefill and decode speed, tool calls and reasoning leaks. It
          loads the model and keeps the GPU busy for up to a few minutes.
        </Wrap>
        <KeyHints hints={['y / enter: run it', 'n / esc: not now']} />
      </Box>
    );
  }
  if (phase.kind === 'running') {
    return (
      <Box flexDirection="column">
        <Busy label={phase.line} />
        <KeyHints hints={['esc: stop and show what was measured']} />
      </Box>
    );
  }
  if (phase.kind === 'failed') return <Failure>The rehearsal could not run: {phase.message}</Failure>;
  return (
    <Box flexDirection="column">
      <Text>{phase.text}</Text>
      <KeyHints hints={['enter / esc: back to the doctor']} />
    </Box>
  );
}
