/**
 * The doctor, live: finished checks are printed once (<Static>, like ink's
 * jest example), running ones spin, then a summary and each problem with its
 * fix. Config fixes go through Review (diff, backup, atomic write); server
 * commands are shown for the user to copy, never run. After a fix the
 * doctor runs again and shows before → after.
 */
import {useEffect, useReducer, useRef, useState} from 'react';
import {Box, Static, Text} from 'ink';
import {useKeys} from '../hooks/useKeys.js';
import {openclawNextSteps} from '../../core/openclaw/next-steps.js';
import {useTerminalSize} from '../hooks/useTerminalSize.js';
import type {CheckResult} from '../../doctor/types.js';
import {Busy} from '../components/Busy.js';
import {Failure} from '../components/Failure.js';
import {KeyHints, NAV_HINTS} from '../components/KeyHints.js';
import {Select, type Choice} from '../components/Select.js';
import {StatusIcon} from '../components/StatusIcon.js';
import {Note} from '../components/Note.js';
import {commandLines, statusTone, tildePath} from '../format.js';
import {useBackHandler, useKeysActive, useNav, useTextEntry} from '../hooks/keys.js';
import {Field} from '../components/Field.js';
import {checkRef} from '../../core/stacks/answers.js';
import {HOSTED_DEFAULT} from '../../core/stacks/catalog.js';
import {errorText, useAsync} from '../hooks/useAsync.js';
import {useSession} from '../hooks/session.js';
import {
  compareRuns,
  changeInWords,
  listKeys,
  doctorRunReducer,
  initialDoctorRun,
  commandsOf,
  resultKey,
  summarize,
  summaryLine,
  type DoctorRunState,
} from '../state/doctor.js';
import {SYMBOL, useTheme} from '../theme.js';
import {Review} from './Review.js';
import {Rehearsal} from './Rehearsal.js';
import {Wrap} from '../components/Wrap.js';

/** "✔ Title · message", wrapped under itself: long titles and messages stay whole at 80 columns. */
export function CheckLine({result, width}: {result: CheckResult; width?: number}) {
  const theme = useTheme();
  return (
    <Box width={width}>
      <Box width={2} flexShrink={0}>
        <StatusIcon tone={statusTone(result.status)} />
      </Box>
      <Box flexGrow={1} flexShrink={1}>
        <Wrap dimColor={result.status === 'skip' && theme.dim}>
          <Text bold={result.status !== 'pass' && result.status !== 'skip'}>{result.title}</Text>
          {result.message ? ` · ${result.message}` : ''}
        </Wrap>
      </Box>
    </Box>
  );
}

/** One doctor run: streams results into the reducer; reports the final state upward. */
function useDoctorRun(runNo: number): DoctorRunState {
  const {services} = useSession();
  const [state, dispatch] = useReducer(doctorRunReducer, initialDoctorRun);
  useEffect(() => {
    let live = true;
    // A re-run starts clean (the first run already is).
    if (runNo > 0) dispatch({type: 'reset'});
    services
      .runDoctor({
        onStart: (check) => live && dispatch({type: 'start', check: {id: check.id, title: check.title}}),
        onResult: (check, results) =>
          live && dispatch({type: 'result', check: {id: check.id, title: check.title}, results}),
      })
      .then(
        (report) => live && dispatch({type: 'finished', report}),
        (err: unknown) => live && dispatch({type: 'failed', message: errorText(err)}),
      );
    return () => {
      live = false;
    };
  }, [services, runNo]);
  return state;
}

function Problem({result, width}: {result: CheckResult; width: number}) {
  const theme = useTheme();
  const fix = result.fix;
  // Wrapped lines hang under the text, not under the symbol.
  return (
    <Box>
      <Box width={2} flexShrink={0}>
        <StatusIcon tone={statusTone(result.status)} />
      </Box>
      <Box flexDirection="column" flexShrink={1}>
        <Wrap>
          <Text bold>{result.title}</Text>: {result.message}
        </Wrap>
        {/* Indents are boxes, not leading spaces: a wrapped line keeps the indent of the first one. */}
        {fix?.kind === 'config' ? (
          <Box marginLeft={2}>
            <Wrap>fix in your config: {fix.description}</Wrap>
          </Box>
        ) : null}
        {commandsOf(result).map((c) => (
          <Box key={c.command} flexDirection="column" marginLeft={2}>
            <Wrap>{`${fix?.kind === 'config' && !/^or\b/i.test(c.description) ? 'or ' : ''}${c.description}, run:`}</Wrap>
            {/* Alone on its line(s), no decoration, so it can be copied as is. */}
            <Box marginLeft={2} flexDirection="column">
              {commandLines(c.command, width - 6).map((line, i) => (
                <Text key={i} color={theme.accent}>
                  {line}
                </Text>
              ))}
            </Box>
          </Box>
        ))}
      </Box>
    </Box>
  );
}

function PickFixes(props: {fixes: CheckResult[]; onDone: (chosen: CheckResult[]) => void}) {
  const active = useKeysActive();
  const theme = useTheme();
  const [cursor, setCursor] = useState(0);
  const [chosen, setChosen] = useState<boolean[]>(() => props.fixes.map(() => true));
  // Keys of one burst arrive before React re-renders: they read and write these, not the render's values.
  const now = useRef({cursor, chosen});
  useKeys(
    (input, key) => {
      const n = props.fixes.length;
      const s = now.current;
      if (key.upArrow) s.cursor = (s.cursor - 1 + n) % n;
      else if (key.downArrow) s.cursor = (s.cursor + 1) % n;
      else if (input === ' ') s.chosen = s.chosen.map((c, i) => (i === s.cursor ? !c : c));
      else if (key.return) return props.onDone(props.fixes.filter((_, i) => s.chosen[i]));
      setCursor(s.cursor);
      setChosen(s.chosen);
    },
    {isActive: active},
  );
  return (
    <Box flexDirection="column">
      <Text bold>Pick the config fixes to apply</Text>
      {props.fixes.map((r, i) => (
        <Text key={resultKey(r)} wrap="truncate-end">
          <Text color={i === cursor ? theme.accent : undefined}>{i === cursor ? '❯' : ' '}</Text> [
          {chosen[i] ? 'x' : ' '}] {r.title}: {r.fix?.description}
        </Text>
      ))}
      <KeyHints hints={['↑↓ move', 'space pick', 'enter review', 'esc back']} />
    </Box>
  );
}

function FixReview(props: {chosen: CheckResult[]; onWritten: (note: string) => void; onBack: () => void}) {
  const session = useSession();
  const snap = session.config.value;
  const prepared = useAsync(async () => {
    if (!snap) throw new Error('the config is not loaded');
    const plan = await session.services.configFixes(snap.loaded, props.chosen);
    return {plan, newText: plan.newText};
  }, [snap, props.chosen]);
  if (prepared.status === 'pending') return <Busy label="preparing the fixes…" />;
  if (prepared.status === 'error') return <Failure>{prepared.error}</Failure>;
  return (
    <Review
      loaded={snap!.loaded}
      newText={prepared.value.newText}
      summary={prepared.value.plan.fixed.map((f) => (
        <Wrap key={f.id}>
          {SYMBOL.info} {f.description}
        </Wrap>
      ))}
      onBack={props.onBack}
      onWritten={(result) => {
        session.refresh();
        const backup = result.backupPath ? ` · backup ${tildePath(result.backupPath, session.home)}` : '';
        props.onWritten(`Fixed ${tildePath(result.path, session.home)}${backup}`);
      }}
    />
  );
}

/**
 * The hosted fallback safety.fallbacks offers, asked for by name: a choice of its own, never part of "fix all"
 * (issue 11). The ref passes the rule `doctor --add-fallback REF` uses before anything is prepared.
 */
function FallbackAsk(props: {onDone: (ref: string) => void}) {
  const active = useKeysActive();
  useTextEntry(true);
  const [ref, setRef] = useState<string>(HOSTED_DEFAULT.ref);
  const [error, setError] = useState<string>();
  return (
    <Box flexDirection="column">
      <Text bold>Add a hosted fallback</Text>
      <Wrap>
        When the local server is down, busy loading or overflowing, OpenClaw tries this hosted model instead. It needs
        that provider&apos;s key or auth profile; nothing secret is written here.
      </Wrap>
      <Field
        label="Fallback"
        value={ref}
        focus={active}
        placeholder="provider/model"
        error={error}
        onChange={(v) => {
          setRef(v);
          setError(undefined);
        }}
        onSubmit={() => {
          try {
            props.onDone(checkRef(ref.trim(), 'fallbacks', 'the fallback'));
          } catch (e) {
            setError(errorText(e));
          }
        }}
      />
      <KeyHints hints={['enter review the change', 'ctrl+u clear', 'esc back']} />
    </Box>
  );
}

function FallbackReview(props: {fallback: string; onWritten: (note: string) => void; onBack: () => void}) {
  const session = useSession();
  const snap = session.config.value;
  const prepared = useAsync(async () => {
    if (!snap) throw new Error('the config is not loaded');
    return session.services.addFallback(snap.loaded, props.fallback);
  }, [snap, props.fallback]);
  if (prepared.status === 'pending') return <Busy label="preparing the change…" />;
  if (prepared.status === 'error') return <Failure>{prepared.error}</Failure>;
  return (
    <Review
      loaded={snap!.loaded}
      newText={prepared.value.newText}
      summary={prepared.value.fixed.map((f) => (
        <Wrap key={f.id}>
          {SYMBOL.info} {f.description}
        </Wrap>
      ))}
      onBack={props.onBack}
      onWritten={(result) => {
        session.refresh();
        const backup = result.backupPath ? ` · backup ${tildePath(result.backupPath, session.home)}` : '';
        props.onWritten(`Added ${props.fallback} as a fallback in ${tildePath(result.path, session.home)}${backup}`);
      }}
    />
  );
}

function BeforeAfter({before, after}: {before: CheckResult[]; after: CheckResult[]}) {
  const b = summarize(before);
  const a = summarize(after);
  const changes = compareRuns(before, after);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text bold>
        Before → after: {b.problems.length} problem{b.problems.length === 1 ? '' : 's'} → {a.problems.length}
      </Text>
      {changes.length === 0 ? <Text> no check changed its result</Text> : null}
      {changes.map((c) => (
        <Text key={c.key} wrap="truncate-end">
          {'  '}
          {c.before ? <StatusIcon tone={statusTone(c.before)} /> : '·'} →{' '}
          {c.after ? <StatusIcon tone={statusTone(c.after)} /> : '·'} {c.title}: {changeInWords(c)}
        </Text>
      ))}
    </Box>
  );
}

type Mode =
  | {kind: 'results'}
  | {kind: 'pick'}
  | {kind: 'review'; chosen: CheckResult[]}
  | {kind: 'rehearse'}
  | {kind: 'fallback'}
  | {kind: 'fallback-review'; ref: string};

/** safety.fallbacks with a hosted fallback offered (an alternative, not its fix): the app asks for it separately. */
export function fallbackOffer(problems: CheckResult[]): CheckResult | undefined {
  return problems.find(
    (r) =>
      r.id === 'safety.fallbacks' &&
      r.fix?.kind !== 'config' &&
      (r.alternatives ?? []).some((a) => a.kind === 'config' && (a.patch?.length ?? 0) > 0),
  );
}

export function Doctor({note}: {note?: string}) {
  const nav = useNav();
  const active = useKeysActive();
  const theme = useTheme();
  const [runNo, setRunNo] = useState(0);
  /** Said above the run: what was just written (none for a plain re-run). */
  const [runNote, setRunNote] = useState<string | undefined>(note);
  const [before, setBefore] = useState<CheckResult[] | undefined>(undefined);
  const [mode, setMode] = useState<Mode>({kind: 'results'});
  const run = useDoctorRun(runNo);
  const session = useSession();
  const terminal = useTerminalSize();
  // <Static> lays out outside the screen's box: without a width its text would not wrap at the terminal's edge.
  const width = terminal.columns;
  // Checks start all at once: list as many as the terminal has room for.
  const runningRoom = Math.max(3, terminal.rows - 8);
  const summary = summarize(run.results);

  useBackHandler(() => {
    if (mode.kind === 'review') {
      setMode(mode.chosen.length === summary.configFixes.length ? {kind: 'results'} : {kind: 'pick'});
      return true;
    }
    // The rehearsal takes esc itself: it stops the request and still shows what was measured.
    if (mode.kind === 'rehearse') return true;
    if (mode.kind === 'pick' || mode.kind === 'fallback') {
      setMode({kind: 'results'});
      return true;
    }
    if (mode.kind === 'fallback-review') {
      setMode({kind: 'fallback'});
      return true;
    }
    return false;
  });

  const rerunAfterWrite = (written: string) => {
    setBefore(run.results);
    setRunNote(written);
    setMode({kind: 'results'});
    setRunNo((r) => r + 1);
  };

  const menu: Choice<string>[] = [];
  // Its own line, never in "fix all": a hosted model is written only when the user says so (issue 11).
  const addFallback: Choice<string>[] = fallbackOffer(summary.problems)
    ? [
        {
          label: 'Add a hosted fallback…',
          value: 'fallback',
          hint: 'not part of the fixes; you name it, the diff shows first',
        },
      ]
    : [];
  if (summary.configFixes.length) {
    menu.push({
      label:
        summary.configFixes.length === 1
          ? 'Fix it in my config'
          : `Fix all ${summary.configFixes.length} config problems`,
      value: 'fix-all',
      hint: 'shows the diff first',
    });
    if (summary.configFixes.length > 1) menu.push({label: 'Pick fixes one by one', value: 'pick'});
    menu.push(...addFallback);
    menu.push({label: 'Skip', value: 'skip', hint: 'back to the start; nothing is written'});
  } else {
    menu.push({label: 'Run again', value: 'again'});
    // With consent only: it loads the model and uses the GPU.
    if (session.services.rehearse)
      menu.push({label: "Rehearse OpenClaw's request", value: 'rehearse', hint: 'loads the model; asks first'});
    menu.push(...addFallback);
    menu.push({label: 'Back', value: 'skip'});
  }

  // Everything that is final goes to <Static>: printed once, kept in the
  // scrollback (commands stay there to copy), and the live part stays small
  // enough for a 24-row terminal.
  // A check may report several results with one resultKey (logs.recent-errors): React keys must still differ.
  const checkKeys = listKeys(run.results);
  const problemKeys = listKeys(summary.problems);
  type Item = {key: string; kind: 'head'} | {key: string; kind: 'check'; r: CheckResult} | {key: string; kind: 'end'};
  const items: Item[] = [
    {key: 'head', kind: 'head'},
    ...run.results.map((r, i) => ({key: checkKeys[i], kind: 'check' as const, r})),
    ...(run.phase === 'done' ? [{key: 'end', kind: 'end' as const}] : []),
  ];
  const headNote = runNote;

  return (
    <Box flexDirection="column">
      <Static key={run.runId} items={items}>
        {(item) =>
          item.kind === 'head' ? (
            <Box key="head" flexDirection="column" width={width}>
              {headNote ? <Note tone="ok">{headNote}</Note> : null}
              <Text bold>{run.runId === 0 ? 'Doctor' : 'Doctor, again'}</Text>
            </Box>
          ) : item.kind === 'check' ? (
            <CheckLine key={item.key} result={item.r} width={width} />
          ) : (
            <Box key="end" flexDirection="column" width={width} marginTop={1}>
              {before ? <BeforeAfter before={before} after={run.results} /> : null}
              <Wrap bold>{summaryLine(summary)}</Wrap>
              {headNote ? (
                // After a write: what OpenClaw itself needs to use it.
                <Box flexDirection="column" marginTop={1}>
                  <Text bold>Next, in OpenClaw</Text>
                  {openclawNextSteps(session.config.value?.loaded.value).map((step) => (
                    <Wrap key={step}>{`  ${step}`}</Wrap>
                  ))}
                </Box>
              ) : null}
              {summary.problems.length ? (
                <Box flexDirection="column" marginTop={1}>
                  {summary.problems.map((r, i) => (
                    <Problem key={problemKeys[i]} result={r} width={width} />
                  ))}
                </Box>
              ) : null}
            </Box>
          )
        }
      </Static>
      {run.running.slice(0, runningRoom).map((c) => (
        <Text key={c.id} wrap="truncate-end">
          <Busy label={c.title} />
          <Text dimColor={theme.dim}> · checking…</Text>
        </Text>
      ))}
      {run.running.length > runningRoom ? (
        <Text dimColor={theme.dim}> … and {run.running.length - runningRoom} more checks running</Text>
      ) : null}
      {run.phase === 'running' && run.running.length === 0 ? <Busy label="starting the checks…" /> : null}
      {run.phase === 'failed' ? <Failure>The doctor could not run: {run.error}</Failure> : null}
      {run.phase === 'done' ? (
        <Box flexDirection="column" marginTop={1}>
          {mode.kind === 'results' ? (
            <>
              <Select
                key={`menu-${runNo}`}
                items={menu}
                isFocused={active}
                onSelect={(v) => {
                  if (v === 'fix-all') setMode({kind: 'review', chosen: summary.configFixes});
                  else if (v === 'pick') setMode({kind: 'pick'});
                  else if (v === 'rehearse') setMode({kind: 'rehearse'});
                  else if (v === 'fallback') setMode({kind: 'fallback'});
                  else if (v === 'again') {
                    setBefore(undefined);
                    setRunNote(undefined);
                    setRunNo((r) => r + 1);
                  } else nav.back();
                }}
              />
              <KeyHints hints={['↑↓ move', 'enter choose', ...NAV_HINTS]} />
            </>
          ) : mode.kind === 'rehearse' ? (
            <Rehearsal onDone={() => setMode({kind: 'results'})} />
          ) : mode.kind === 'fallback' ? (
            <FallbackAsk onDone={(ref) => setMode({kind: 'fallback-review', ref})} />
          ) : mode.kind === 'fallback-review' ? (
            <FallbackReview
              fallback={mode.ref}
              onBack={() => setMode({kind: 'fallback'})}
              onWritten={rerunAfterWrite}
            />
          ) : mode.kind === 'pick' ? (
            <PickFixes
              fixes={summary.configFixes}
              onDone={(chosen) => (chosen.length ? setMode({kind: 'review', chosen}) : setMode({kind: 'results'}))}
            />
          ) : (
            <FixReview chosen={mode.chosen} onBack={() => setMode({kind: 'results'})} onWritten={rerunAfterWrite} />
          )}
        </Box>
      ) : null}
    </Box>
  );
}
