/**
 * `setup --stack ID`: write one of the guide's stacks into openclaw.json in
 * place. locate → read → plan → patch → check → diff → (ask) → write.
 *
 * Exit codes: 0 written, nothing to change, or --dry-run; 1 not written
 * because of the config or the user (unparsable file, a shape setup cannot
 * patch, declined, not a terminal without --yes, read-only config, the new
 * text failed validation, the file changed meanwhile); 2 bad flags or
 * answers, or a runtime failure (I/O).
 */
import {inCi} from './app.js';
import type {CommandContext} from '../cli/context.js';
import {CliError, UsageError} from '../cli/errors.js';
import {askYesNo} from '../cli/prompt.js';
import {intFlag, listFlag, stringFlag, choiceFlag, type FlagValues} from '../cli/flags.js';
import {
  ConfigPatchError,
  ConfigWriteError,
  WRITE_ERROR_EXIT,
  hardLinkNote,
  hasComments,
  listBackups,
  parseConfigText,
  type ConfigIssue,
  type LoadedConfig,
  type WriteResult,
} from '../config/index.js';
import {openclawNextSteps} from '../core/openclaw/next-steps.js';
import {snapshotOf} from '../app/snapshot.js';
import {commitChange, proposeChange, type Proposal} from '../app/change.js';
import {groundAnswers, recordExoNote} from '../app/setup.js';
import {maskUrlSecrets} from '../core/mask-diff.js';
import {
  HOSTED_DEFAULT,
  isStackId,
  planStack,
  STACK_IDS,
  StackConfigError,
  StackInputError,
  type LocalApi,
  type StackAnswers,
  type StackPlan,
} from '../core/stacks.js';
import {printableJson, printableLines} from '../core/sanitize.js';

const FLAG_OF: Partial<Record<keyof StackAnswers, string>> = {
  baseUrl: '--base-url',
  model: '--model',
  name: '--name',
  contextWindow: '--context',
  maxTokens: '--max-tokens',
  api: '--api',
  providerId: '--provider-id',
  primary: '--primary',
  fallbacks: '--fallback',
  region: '--region',
};

const APIS: readonly LocalApi[] = ['openai-responses', 'openai-completions', 'ollama'];

export const COMMENT_NOTE =
  'Note: when OpenClaw itself writes this file later (openclaw config set, onboard, doctor --fix) it saves plain JSON and drops comments; the backup keeps them.';
export const NEXT_STEP = 'Next: run `openclaw-local-doctor doctor` to check the server, the model and its context.';

export function answersFromFlags(values: FlagValues): StackAnswers {
  const answers: StackAnswers = {};
  const baseUrl = stringFlag(values, 'base-url');
  if (baseUrl !== undefined) answers.baseUrl = baseUrl;
  const model = stringFlag(values, 'model');
  if (model !== undefined) answers.model = model;
  const name = stringFlag(values, 'name');
  if (name !== undefined) answers.name = name;
  const context = intFlag(values, 'context', {min: 1});
  if (context !== undefined) answers.contextWindow = context;
  const maxTokens = intFlag(values, 'max-tokens', {min: 1});
  if (maxTokens !== undefined) answers.maxTokens = maxTokens;
  const api = choiceFlag(values, 'api', APIS);
  if (api !== undefined) answers.api = api;
  const providerId = stringFlag(values, 'provider-id');
  if (providerId !== undefined) answers.providerId = providerId;
  const primary = stringFlag(values, 'primary');
  if (primary !== undefined) answers.primary = primary;
  if (values.fallback !== undefined) answers.fallbacks = listFlag(values, 'fallback');
  const region = stringFlag(values, 'region');
  if (region !== undefined) answers.region = region;
  return answers;
}

function issueLine(i: ConfigIssue): string {
  const where = [i.path, i.line ? `line ${i.line}${i.column ? `:${i.column}` : ''}` : ''].filter(Boolean).join(', ');
  return `${i.severity}: ${where ? `${where}: ` : ''}${i.message}`;
}

interface Outcome {
  path: string;
  stack: string;
  changed: boolean;
  written: boolean;
  dryRun: boolean;
  plan?: StackPlan;
  diff?: string;
  newIssues: ConfigIssue[];
  result?: WriteResult;
}

/** A planner or grounding refusal as the one line the user sees (the flag named), else rethrown. */
function explained(err: unknown, path: string): never {
  if (err instanceof StackConfigError) throw new CliError(`cannot set up ${path}: ${err.message}`, 1);
  if (err instanceof StackInputError) {
    const flag = err.field ? FLAG_OF[err.field] : undefined;
    throw new UsageError(flag ? `${flag}: ${err.message}` : err.message, 'setup');
  }
  throw err;
}

function planOrExplain(stack: Parameters<typeof planStack>[0], loaded: LoadedConfig, answers: StackAnswers): StackPlan {
  try {
    return planStack(stack, loaded.value, answers);
  } catch (err) {
    return explained(err, loaded.path);
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  const {io, values, global} = ctx;
  if (ctx.args.length > 0)
    throw new UsageError(`setup takes no arguments, got ${JSON.stringify(ctx.args[0])}`, 'setup');
  const stackRaw = stringFlag(values, 'stack');
  if (stackRaw === undefined) {
    // Bare `setup` on a terminal is the guided set-up (what the doctor points people at).
    if (guidedSetupPossible(ctx)) return (await import('../ui/run.js')).runApp(ctx, {initialRoute: {screen: 'setup'}});
    throw new UsageError(
      `--stack is required off a terminal: ${STACK_IDS.join(' | ')} (on a terminal, bare \`setup\` is guided)`,
      'setup',
    );
  }
  if (!isStackId(stackRaw))
    throw new UsageError(`--stack must be one of ${STACK_IDS.join(', ')}; got ${JSON.stringify(stackRaw)}`, 'setup');
  let answers = answersFromFlags(values);
  const dryRun = values['dry-run'] === true;
  const yes = values.yes === true;
  const json = global.json;
  const waitS = intFlag(values, 'wait-s', {min: 1, max: 86_400});
  const timeoutMs = intFlag(values, 'timeout-ms', {min: 50, max: 600_000});
  // Model ids, paths and the diff come from flags, servers and the file: sanitised on their way out.
  const out = (s: string) => {
    if (!json) io.stdout.write(maskUrlSecrets(printableLines(s)));
  };
  const err = (s: string) => io.stderr.write(maskUrlSecrets(printableLines(s)));

  const snapshot = await snapshotOf(ctx);
  const {location, loaded} = snapshot;
  if (loaded.readError) throw new CliError(loaded.readError);
  // An existing but empty file is a new config, not a syntax error.
  const emptyFile = loaded.exists && loaded.parseError !== undefined && loaded.text.trim() === '';
  if (loaded.parseError && !emptyFile) {
    const {message, line, column, hint} = loaded.parseError;
    const what = message.replace(/ at \d+:\d+$/, '') + (hint ? `; ${hint}` : '');
    const [backup] = await listBackups(loaded.path);
    const back = backup ? ` This tool's backup from before its last write: ${backup}.` : '';
    throw new CliError(
      `cannot parse ${loaded.path} (line ${line}, column ${column}): ${what}. Nothing was written; fix the syntax first.${back}`,
      1,
    );
  }
  if (!loaded.exists) err(`No config at ${loaded.path}; setup will create it.\n`);
  if (emptyFile) err(`${loaded.path} is empty; setup will fill it.\n`);
  for (const d of loaded.duplicateKeys) {
    err(
      `warning: ${d.path} appears more than once (line ${d.line}:${d.column}); JSON5 and OpenClaw use the last one, and so does setup.\n`,
    );
  }
  const unlistedDuplicates = (loaded.duplicateKeyCount ?? 0) - loaded.duplicateKeys.length;
  if (unlistedDuplicates > 0)
    err(`warning: ${unlistedDuplicates} more duplicate key(s) not listed (${loaded.duplicateKeyCount} in all).\n`);

  // The answers are checked before any server is asked (a bad flag is one line, at once); exo's come from the cluster.
  if (stackRaw !== 'exo') planOrExplain(stackRaw, loaded, answers);
  // exo: the cluster decides the URL, the model and the context; placing the model needs consent.
  let exo: import('./setup-exo.js').ExoPrepared | undefined;
  if (stackRaw === 'exo') {
    const {prepareExoStack, DEFAULT_WAIT_S} = await import('./setup-exo.js');
    exo = await prepareExoStack(ctx, answers, {
      dryRun,
      yes,
      json,
      waitS: waitS ?? DEFAULT_WAIT_S,
      ...(timeoutMs !== undefined ? {timeoutMs} : {}),
    });
    answers = exo.answers;
  }
  // What the stack's server really serves and runs decides the model id and the sizes (unless --offline;
  // exo's placement already did).
  const grounded = exo
    ? {answers, notes: [] as string[]}
    : await groundAnswers(stackRaw, answers, {
        offline: values.offline === true,
        probe: async (baseUrl) => {
          const ms = timeoutMs ?? 3000;
          return (await import('../servers/index.js')).probeServer(baseUrl, {
            totalTimeoutMs: ms,
            connectTimeoutMs: Math.min(1500, ms),
          });
        },
        hardware: () => snapshot.hardware(),
        configuredBaseUrl: (id) => snapshot.view?.providers.find((p) => p.id === id)?.baseUrl,
      }).catch((e: unknown) => explained(e, loaded.path));
  for (const n of grounded.notes) err(`note: ${n}\n`);
  const plan = planOrExplain(stackRaw, loaded, grounded.answers);
  for (const w of plan.warnings) err(`warning: ${w}\n`);
  // The doctor flags this later (safety.fallbacks); say it now, with the flag that fixes it.
  if (plan.localOnly && stackRaw !== 'local-first') {
    err(
      `note: no hosted model in the chain, so nothing takes over when the local server is down. To keep one, add --fallback ${HOSTED_DEFAULT.ref} (export ${HOSTED_DEFAULT.keyEnv}) or use --stack local-first.\n`,
    );
  }
  const outcome: Outcome = {
    path: loaded.path,
    stack: stackRaw,
    changed: false,
    written: false,
    dryRun,
    plan,
    newIssues: [],
  };
  const finish = (code: number): number => {
    if (json)
      io.stdout.write(
        `${printableJson({...(toJson(outcome) as object), ...(exo ? {exo: {...exo.note, placed: exo.placed, wouldPlace: exo.wouldPlace}} : {})})}\n`,
      );
    return code;
  };
  // What the doctor expects of the cluster later, next to the config; only once the config has the provider.
  const recordExo = async () => {
    if (!exo || !plan.providerId) return;
    try {
      const at = await recordExoNote(loaded.path, plan.providerId, exo.note);
      out(`Cluster recorded for the doctor: ${at}\n`);
    } catch (e) {
      err(
        `warning: could not record the cluster for the doctor (${e instanceof Error ? e.message : String(e)}); its node check will use what exo reports.\n`,
      );
    }
  };

  let proposal: Proposal;
  try {
    proposal = await proposeChange(loaded, plan.ops, {env: io.env, now: io.now()});
  } catch (e) {
    if (e instanceof ConfigPatchError) {
      const at = e.line ? ` (line ${e.line}${e.column ? `, column ${e.column}` : ''})` : '';
      throw new CliError(`cannot patch ${loaded.path}${at}: ${e.message}. Nothing was written.`);
    }
    throw e;
  }
  if (!proposal.changed) {
    out(`Nothing to change: ${loaded.path} already has the ${stackRaw} stack (primary ${plan.primary}).\n`);
    if (!dryRun) await recordExo();
    return finish(0);
  }
  outcome.changed = true;

  outcome.newIssues = proposal.newIssues;
  outcome.diff = proposal.diff;
  out(`Changes to ${loaded.path}:\n`);
  out(outcome.diff.endsWith('\n') ? outcome.diff : `${outcome.diff}\n`);
  out(
    `Primary: ${plan.primary}${plan.fallbacks.length ? `; fallbacks: ${plan.fallbacks.join(', ')}` : '; no fallbacks'}\n`,
  );
  for (const i of outcome.newIssues) err(`new ${issueLine(i)}\n`);

  if (dryRun) {
    err('Dry run: nothing written.\n');
    return finish(0);
  }
  if (location.readOnly) {
    err(`Not written: ${(location.readOnlyReason ?? 'the config is marked read-only').replace(/\.$/, '')}.\n`);
    return finish(WRITE_ERROR_EXIT['read-only']);
  }
  if (!yes) {
    const interactive = !json && io.stdin.isTTY === true && io.stdout.isTTY === true;
    if (!interactive) {
      err('Not written: not on a terminal. Re-run with --yes to write these changes (or --dry-run to only preview).\n');
      return finish(1);
    }
    if (!(await askYesNo(io, 'Write these changes? [y/N] '))) {
      err('Nothing written.\n');
      return finish(1);
    }
  }

  let result: WriteResult;
  try {
    result = await commitChange(proposal, {env: io.env});
  } catch (e) {
    if (e instanceof ConfigWriteError) {
      for (const i of e.issues) err(`${issueLine(i)}\n`);
      const exit = WRITE_ERROR_EXIT[e.code];
      err(`error: not written: ${e.message}\n`);
      return finish(exit);
    }
    throw e;
  }
  outcome.written = true;
  outcome.result = result;
  const through = result.targetPath && result.targetPath !== result.path ? ` (through the link ${result.path})` : '';
  out(`${result.created ? 'Created' : 'Wrote'} ${through ? result.targetPath : result.path}${through}\n`);
  if (result.backupPath) out(`Backup: ${result.backupPath}\n`);
  if (result.hardLinksBroken) err(`note: ${hardLinkNote(result.hardLinksBroken)}\n`);
  const verdict = result.openclawVerdict;
  if (verdict?.available && verdict.valid)
    out(`OpenClaw${verdict.version ? ` ${verdict.version}` : ''} accepts the new config.\n`);
  else if (verdict?.available === false)
    err(
      `OpenClaw's own check did not run: ${verdict.error ?? 'not available'}; checked with this tool's schema only.\n`,
    );
  await recordExo();
  if (hasComments(proposal.newText)) out(`${COMMENT_NOTE}\n`);
  out(`${NEXT_STEP}\n`);
  for (const step of openclawNextSteps(parseConfigText(proposal.newText).value)) out(`${step}\n`);
  return finish(0);
}

function toJson(o: Outcome): unknown {
  return {
    path: o.path,
    stack: o.stack,
    changed: o.changed,
    written: o.written,
    dryRun: o.dryRun,
    primary: o.plan?.primary,
    fallbacks: o.plan?.fallbacks ?? [],
    providerId: o.plan?.providerId,
    modelRef: o.plan?.modelRef,
    localOnly: o.plan?.localOnly ?? false,
    warnings: o.plan?.warnings ?? [],
    ops: o.plan?.ops ?? [],
    diff: o.diff ?? '',
    newIssues: o.newIssues,
    ...(o.result?.backupPath ? {backupPath: o.result.backupPath} : {}),
    ...(o.result?.openclawVerdict ? {openclaw: o.result.openclawVerdict} : {}),
  };
}

/** Only a bare `setup` (no other setup flags, no --json) on a real terminal outside CI opens the app. */
function guidedSetupPossible(ctx: CommandContext): boolean {
  const setupFlags = Object.keys(ctx.values).filter((k) => !['config', 'profile', 'no-color'].includes(k));
  return (
    setupFlags.length === 0 &&
    !ctx.global.json &&
    Boolean(ctx.io.stdin.isTTY && ctx.io.stdout.isTTY) &&
    !inCi(ctx.io.env)
  );
}
