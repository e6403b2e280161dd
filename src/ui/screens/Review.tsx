/**
 * Review before writing: the exact diff of openclaw.json, what our check and
 * OpenClaw's own validator say, then Write or Back. Used by set-up and by
 * the doctor's fixes. Nothing is written until the user picks "Write it".
 */
import type React from 'react';
import {useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import type {LoadedConfig, WriteResult} from '../../core/types/config.js';
import {Busy} from '../components/Busy.js';
import {DiffView, diffStats, diffStatsText, visibleDiffRows} from '../components/DiffView.js';
import {KeyHints} from '../components/KeyHints.js';
import {Select} from '../components/Select.js';
import {StatusIcon} from '../components/StatusIcon.js';
import {Note} from '../components/Note.js';
import {notWritableReason, tildePath} from '../format.js';
import {useKeysActive} from '../hooks/keys.js';
import {errorText, useAsync} from '../hooks/useAsync.js';
import {useSession} from '../hooks/session.js';
import {useTheme} from '../theme.js';
import {Wrap} from '../components/Wrap.js';

export function Review(props: {
  loaded: LoadedConfig;
  newText: string;
  /** Above the diff: what this change is ("LM Studio + MiniMax M2.1 as primary"). */
  summary?: React.ReactNode;
  warnings?: string[];
  onWritten: (result: WriteResult) => void;
  onBack: () => void;
}) {
  const session = useSession();
  const {services} = session;
  const active = useKeysActive();
  const theme = useTheme();
  const terminal = useTerminalSize();
  const [offset, setOffset] = useState(0);
  const [phase, setPhase] = useState<{kind: 'review'} | {kind: 'writing'} | {kind: 'error'; message: string}>({
    kind: 'review',
  });
  const path = props.loaded.path;
  const label = tildePath(path, session.home);
  const unchanged = props.newText === props.loaded.text;
  const location = session.config.value?.location;
  const readOnly = notWritableReason(props.loaded, location, session.home);
  // One proposal (app/change): the masked diff, the new issues and the backup path, as `setup` and `doctor --fix` see them.
  const proposal = useAsync(() => services.propose(props.loaded, props.newText, label), [props.loaded, props.newText]);
  const diff = proposal.status === 'done' ? {status: 'done' as const, value: proposal.value.diff} : proposal;
  const ours = proposal.status === 'done' ? {status: 'done' as const, value: proposal.value} : proposal;
  const backup = {value: proposal.value ? {path: proposal.value.backupPath} : undefined};
  const theirs = useAsync(() => services.openclawValidate(props.newText, path), [props.newText, path]);

  const width = Math.max(20, terminal.columns - 1);
  // The diff gets what the rest of the screen leaves: a frame taller than the
  // terminal makes Ink redraw the whole screen on every change.
  const warningRows = (props.warnings ?? []).reduce((n, w) => n + Math.ceil((w.length + 2) / width), 0);
  // Below 80 columns the title and the summary above usually take a line or two more.
  const narrowRows = terminal.columns < 80 ? 2 : 0;
  // What the rest takes at most: the wizard's title (2), file name (1), summary (2), diff stats (1), the
  // ↑/↓ markers (2), backup (1), the two validators (2), the menu (2), key hints (1), Ink's last line (1).
  const rows = Math.max(4, terminal.rows - 15 - warningRows - narrowRows);
  const total = diff.value ? visibleDiffRows(diff.value, width).length : 0;
  useKeys(
    (_input, key) => {
      if (key.pageDown) setOffset((o) => Math.min(Math.max(0, total - rows), o + rows));
      if (key.pageUp) setOffset((o) => Math.max(0, o - rows));
    },
    {isActive: active && phase.kind === 'review'},
  );

  const write = () => {
    setPhase({kind: 'writing'});
    session
      .guardWrite(() => {
        if (!proposal.value) throw new Error('the change is not ready yet');
        return services.commit(proposal.value);
      })
      .then(props.onWritten, (err: unknown) => setPhase({kind: 'error', message: errorText(err)}));
  };

  const ourErrors = ours.value?.newIssues.filter((i) => i.severity === 'error') ?? [];
  const ourWarnings = ours.value?.newIssues.filter((i) => i.severity !== 'error') ?? [];

  return (
    <Box flexDirection="column">
      <Text>
        <Text bold>{label}</Text>
        <Text dimColor={theme.dim}> {props.loaded.exists ? '(comments and formatting kept)' : '(new file)'}</Text>
      </Text>
      {props.summary}
      {props.warnings?.map((w, i) => (
        <Note key={i} tone="warn">
          {w}
        </Note>
      ))}
      {diff.status === 'done' && !unchanged ? (
        <Text bold>
          {diffStatsText(diffStats(diff.value))}
          {total > rows ? <Text dimColor={theme.dim}> · PgDn/PgUp page through</Text> : null}
        </Text>
      ) : null}
      <Box flexDirection="column">
        {unchanged ? (
          <Text>
            <StatusIcon tone="ok" /> Nothing to change: the config already says this.
          </Text>
        ) : diff.status === 'pending' ? (
          <Busy label="preparing the diff…" />
        ) : diff.status === 'error' ? (
          <Note tone="fail">{diff.error}</Note>
        ) : (
          <DiffView diff={diff.value} rows={rows} offset={offset} width={width} />
        )}
      </Box>
      {readOnly && !unchanged ? (
        <Box flexDirection="column">
          <Note tone="warn">Not writable: {readOnly.replace(/\.$/, '')}</Note>
          <Box marginLeft={2}>
            <Wrap>Nothing will be written here; copy the change by hand if you want it.</Wrap>
          </Box>
        </Box>
      ) : null}
      {unchanged || readOnly ? null : (
        <>
          <Wrap>
            {!props.loaded.exists
              ? 'New file (atomic write).'
              : backup.value?.path
                ? `Backup: ${tildePath(backup.value.path, session.home)}`
                : 'A backup copy is made next to the file before it is replaced.'}
          </Wrap>
          {ours.status === 'pending' ? (
            <Busy label="checking the new config…" />
          ) : ours.status === 'error' ? (
            <Note tone="warn">our check could not run: {ours.error}</Note>
          ) : ourErrors.length ? (
            <Note tone="fail">
              our check: {ourErrors.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}
            </Note>
          ) : (
            <Note tone={ourWarnings.length ? 'warn' : 'ok'}>
              our schema check
              {ourWarnings.length ? `: ${ourWarnings.map((i) => i.message).join('; ')}` : ' passes'}
            </Note>
          )}
          {theirs.status === 'pending' ? (
            <Busy label="asking OpenClaw's validator…" />
          ) : theirs.status === 'error' ? (
            <Note tone="pending">OpenClaw&apos;s validator did not answer: {theirs.error}</Note>
          ) : !theirs.value.available ? (
            <Note tone="pending">OpenClaw not installed here: its own `config validate` was not run</Note>
          ) : theirs.value.valid ? (
            <Note tone="ok">OpenClaw {theirs.value.version ?? ''} `config validate` passes</Note>
          ) : (
            <Note tone="fail">
              OpenClaw {theirs.value.version ?? ''} `config validate`:{' '}
              {theirs.value.issues.map((i) => `${i.path}: ${i.message}`).join('; ') || theirs.value.error}
            </Note>
          )}
        </>
      )}
      <Box flexDirection="column">
        {phase.kind === 'writing' ? (
          <Busy label="writing (backup, then atomic replace)…" />
        ) : phase.kind === 'error' ? (
          <>
            <Note tone="fail">Not written: {phase.message}</Note>
            <Select items={[{label: 'Back', value: 'back'}]} isFocused={active} onSelect={() => props.onBack()} />
          </>
        ) : !unchanged && diff.status !== 'done' ? null : (
          <Select
            items={
              unchanged || readOnly
                ? [{label: 'Back', value: 'back' as const}]
                : [
                    {
                      label: 'Write it',
                      value: 'write' as const,
                      hint: props.loaded.exists ? 'backup, then replace the file' : 'create the file',
                    },
                    {label: 'Back', value: 'back' as const, hint: 'change the answers; nothing is written'},
                  ]
            }
            isFocused={active}
            onSelect={(v) => (v === 'write' ? write() : props.onBack())}
          />
        )}
      </Box>
      <KeyHints
        hints={[...(total > rows ? ['PgUp/PgDn scroll the diff'] : []), 'enter choose', 'esc back', 'q quit']}
      />
    </Box>
  );
}
