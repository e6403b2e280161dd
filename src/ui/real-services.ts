/**
 * The app's Services: a thin façade over the use cases in src/app (the same
 * ones the headless commands call). Each module is imported on first use, so
 * the first frame does not wait for undici, systeminformation and friends.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import type {Snapshot} from '../app/snapshot.js';
import type {doctorFor} from '../app/fix.js';
import type {CheckResult, DoctorReport} from '../doctor/types.js';
import type {Services} from './services.js';
import {printable, printableDeep} from '../core/sanitize.js';
import {maskUrlSecrets} from '../core/mask-diff.js';

const HARDWARE_TIMEOUT_MS = 8000;
const DISCOVERY_TIMEOUT_MS = 1500;
const DOCTOR_TIMEOUT_MS = 3000;

/**
 * OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE (HARDWARE_FILE_ENVS in src/hardware):
 * evaluate a saved profile (the format of `hardware --hardware FILE`) instead
 * of this machine, in the app and its doctor runs. For planning a box you do
 * not sit at, and for reproducible end-to-end runs.
 */

const resultKey = (r: CheckResult): string => `${r.id}|${r.provider ?? ''}|${r.model ?? ''}|${r.path ?? ''}`;

/** A doctor result fit for the screen: its texts made printable (and URL credentials masked); ids and patches kept exact. */
function printableResult<R extends {message: string; fix?: DisplayFix; alternatives?: DisplayFix[]}>(r: R): R {
  const text = (s: string) => maskUrlSecrets(printable(s));
  const fix = (f: DisplayFix): DisplayFix => ({
    ...f,
    description: text(f.description),
    ...(f.command ? {command: text(f.command)} : {}),
  });
  return {
    ...r,
    message: text(r.message),
    ...(r.fix ? {fix: fix(r.fix)} : {}),
    ...(r.alternatives ? {alternatives: r.alternatives.map(fix)} : {}),
  };
}

interface DisplayFix {
  description: string;
  command?: string;
}

export function realServices(ctx: CommandContext): Services {
  const env = ctx.io.env;
  const app = {
    snapshot: () => import('../app/snapshot.js'),
    change: () => import('../app/change.js'),
    fix: () => import('../app/fix.js'),
    setup: () => import('../app/setup.js'),
    hardware: () => import('../app/hardware.js'),
  };
  // One detection per session: the hardware screen and every doctor run share
  // it (a machine does not change under us). A failure is not kept, so the
  // next asker tries again.
  let detected: Promise<import('../core/types/hardware.js').HardwareProfile> | undefined;
  const detectHardware = () => {
    if (!detected) {
      const attempt = app
        .snapshot()
        .then((m) => m.defaultDetector(env))
        .then((d) => d.detect({env, timeoutMs: HARDWARE_TIMEOUT_MS}));
      detected = attempt;
      attempt.catch(() => {
        if (detected === attempt) detected = undefined;
      });
    }
    return detected;
  };
  const detector = {detect: detectHardware};
  let lastSnapshot: Snapshot | undefined;
  const loadConfig = async (): Promise<Snapshot> => {
    lastSnapshot = await (await app.snapshot()).snapshotOf(ctx, {detector});
    return lastSnapshot;
  };
  // The exo note of the last exo plan, written when that very text is committed.
  let exoPending:
    | {path: string; newText: string; providerId: string; entry: import('../config/exo-note.js').ExoNoteEntry}
    | undefined;
  const doctorOptions = {probe: false, includeHosted: false, timeoutMs: DOCTOR_TIMEOUT_MS, only: [], skip: []};
  let lastRun: {snapshot: Snapshot; doctor: ReturnType<typeof doctorFor>; report: DoctorReport} | undefined;
  // The doctor reads the file afresh: it may run right after a write.
  const doctorOf = async (fresh: boolean) => {
    const snapshot = fresh || !lastSnapshot ? await loadConfig() : lastSnapshot;
    return {
      snapshot,
      doctor: (await app.fix()).doctorFor(snapshot, {now: ctx.io.now, detector, options: doctorOptions}),
    };
  };
  const probe = async (baseUrl: string) =>
    printableDeep(
      await (await import('../servers/index.js')).probeServer(baseUrl, {
        connectTimeoutMs: DISCOVERY_TIMEOUT_MS,
        totalTimeoutMs: DOCTOR_TIMEOUT_MS,
      }),
    );

  return {
    runtime: () => ({node: process.versions.node, platform: process.platform, arch: process.arch}),
    async openclawVersion() {
      const {doctor} = await doctorOf(false);
      return doctor.openclawVersion();
    },
    loadConfig,
    detectHardware,
    async evaluate(profile, opts) {
      const {evaluateHardware} = await import('../core/hardware.js');
      return evaluateHardware(profile, opts);
    },
    async assessHardware({nodes}) {
      const [hw, {HARDWARE_FILE_ENVS}] = await Promise.all([app.hardware(), import('../hardware/index.js')]);
      // A saved profile (OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE) is `hardware --hardware FILE`: that box, no cluster lookup.
      const fromFile = HARDWARE_FILE_ENVS.some((n) => env[n]);
      // The session's one detection; the rest as `hardware` does it (its default timeouts, its cluster lookup).
      const assessed = await hw.assessHardware(
        ctx,
        {
          ...(nodes !== undefined ? {nodes} : {}),
          ...(fromFile ? {profile: await detectHardware()} : {}),
          unconfigured: 'recommended',
        },
        {...hw.liveHardwareDeps, detector: () => detector},
      );
      // Names come from servers and the cluster: printable before any screen sees them.
      return printableDeep(assessed);
    },
    async discover(snap) {
      const servers = await import('../servers/index.js');
      const snapshot = snap && snap === lastSnapshot ? lastSnapshot : await loadConfig();
      // OPENCLAW_LOCAL_DOCTOR_PORTS / _HOST narrow the scan, as for the `servers` command.
      const scan = servers.scanOptionsFromEnv(env);
      const found = await snapshot.discover({
        ...scan,
        connectTimeoutMs: DISCOVERY_TIMEOUT_MS,
        totalTimeoutMs: DOCTOR_TIMEOUT_MS,
      });
      const kindOf = new Map(servers.DEFAULT_PORTS.map((p) => [p.port, p.kind]));
      const scanned = scan.ports
        ? scan.ports.map((port) => ({port, kind: kindOf.get(port) ?? ('openai-compatible' as const)}))
        : servers.DEFAULT_PORTS;
      // Connected, then no answer (not "could not connect"): a port with something on it.
      const silent = found.misses
        .filter((m) => m.failure.kind === 'timeout' && !/could not connect/.test(m.failure.message))
        .map((m) => ({port: m.port, kind: m.expected ?? kindOf.get(m.port) ?? ('openai-compatible' as const)}));
      // Ink prints strings raw: what servers say (model ids, messages) is sanitised before any screen sees it.
      return {servers: printableDeep(found.servers), scanned, silent};
    },
    probe,
    async listStacks() {
      return (await import('../core/stacks.js')).listStacks();
    },
    async planStack(id, current, answers) {
      return (await import('../core/stacks.js')).planStack(id, current, answers);
    },
    async setupText(id, loaded, answers) {
      const setup = await app.setup();
      // The same grounding as `setup`: answers the wizard filled from the server stay as they are.
      const view = lastSnapshot?.loaded === loaded ? lastSnapshot.view : undefined;
      const configuredBaseUrl = (pid: string) => view?.providers.find((p) => p.id === pid)?.baseUrl;
      const grounded = await setup.groundAnswers(id, answers, {probe, hardware: detectHardware, configuredBaseUrl});
      const planned = setup.planSetup(id, loaded, grounded.answers);
      // exo: what the doctor's cluster.nodes check expects, recorded once this text is written (as `setup` does).
      exoPending = undefined;
      if (id === 'exo' && planned.plan.providerId) {
        const entry = await setup
          .exoNoteForAnswers(grounded.answers, {probe, configuredBaseUrl, now: ctx.io.now()})
          .catch(() => undefined);
        if (entry)
          exoPending = {path: loaded.path, newText: planned.newText, providerId: planned.plan.providerId, entry};
      }
      return planned;
    },
    async propose(loaded, newText, label) {
      return (await app.change()).proposeText(loaded, newText, {env, now: ctx.io.now(), label});
    },
    async openclawValidate(newText) {
      const c = await import('../config/index.js');
      // $include paths are relative to the real file: a copy elsewhere would not resolve them.
      if (newText.includes('$include')) {
        return {available: false, issues: [], error: 'the config uses $include: OpenClaw validates it at write time'};
      }
      // A private temp copy (it may hold keys): 0700 dir, 0600 file, removed after.
      const dir = await mkdtemp(join(tmpdir(), 'old-validate-'));
      try {
        const file = join(dir, 'openclaw.json');
        await writeFile(file, newText, {mode: 0o600});
        return await c.openclawValidate(file, {env});
      } finally {
        await rm(dir, {recursive: true, force: true});
      }
    },
    async commit(proposal) {
      const result = await (await app.change()).commitChange(proposal, {env});
      const exo = exoPending;
      if (exo && exo.path === proposal.loaded.path && exo.newText === proposal.newText) {
        exoPending = undefined;
        // Only a hint for the doctor: a failure here leaves the written config as it is.
        await (await app.setup()).recordExoNote(exo.path, exo.providerId, exo.entry).catch(() => undefined);
      }
      return result;
    },
    async runDoctor(handlers) {
      const {snapshot, doctor} = await doctorOf(true);
      // The screen shows messages and fix texts built from server and file strings: sanitised copies
      // (ids and patches untouched, so the fixes chosen on screen still match this run's results).
      const report = await doctor.run({
        onStart: handlers.onStart,
        onResult: (c, rs) => handlers.onResult?.(c, rs.map(printableResult)),
      });
      lastRun = {snapshot, doctor, report};
      return {...report, checks: report.checks.map(printableResult)};
    },
    async configFixes(loaded, chosen) {
      const {planFixes} = await app.fix();
      const run = lastRun;
      // Re-check only what the last run read; a fix the user left out is never brought back by it.
      const chosenKeys = new Set(chosen.map(resultKey));
      const declined = new Set((run?.report.checks ?? []).map(resultKey).filter((k) => !chosenKeys.has(k)));
      const recheck =
        run && run.snapshot.loaded.text === loaded.text
          ? async (candidate: typeof loaded) =>
              (await run.doctor.recheck(candidate)).filter((r) => !declined.has(resultKey(r)))
          : undefined;
      const plan = await planFixes(loaded, chosen, recheck);
      return {
        newText: plan.newText,
        fixed: plan.applied.map(({result}) => ({id: result.id, description: result.fix!.description})),
      };
    },

    async addFallback(loaded, ref) {
      const [{checkRef}, {viewConfig}, {hostedFallbackFix}, {planFixes}] = await Promise.all([
        import('../core/stacks/answers.js'),
        import('../core/config-view.js'),
        import('../doctor/checks/safety.js'),
        app.fix(),
      ]);
      // The rule --add-fallback uses (commands/doctor.ts), not a second one.
      const valid = checkRef(ref, 'fallbacks', 'the fallback');
      const view = viewConfig(loaded.value, env);
      if (!view.primary) throw new Error('no primary model configured: nothing to fall back from');
      const fix = hostedFallbackFix(loaded.value, view.primary, view.allow, valid);
      const asked: CheckResult = {
        id: 'safety.fallbacks',
        status: 'warn',
        severity: 'warning',
        title: 'A hosted fallback backs the local model',
        message: fix.description,
        fix,
      };
      const plan = await planFixes(loaded, [asked]);
      if (plan.skipped.length) throw new Error(plan.skipped[0].error);
      return {
        newText: plan.newText,
        fixed: plan.applied.map(({result}) => ({id: result.id, description: result.fix!.description})),
      };
    },

    async rehearse({width, signal, onProgress}) {
      const snap = await loadConfig();
      const [{rehearsalTarget, rehearse, REHEARSAL_BUDGET_MS, REHEARSAL_WAIT_MS}, {renderRehearsal, progressLine}] =
        await Promise.all([import('../doctor/rehearse.js'), import('../doctor/render-rehearsal.js')]);
      const target = rehearsalTarget(snap.view, snap.loaded.value);
      if (typeof target === 'string') return {text: `Nothing to rehearse: ${target}`};
      const report = await rehearse(target, {
        waitMs: REHEARSAL_WAIT_MS,
        budgetMs: REHEARSAL_BUDGET_MS,
        signal,
        env,
        nowDate: ctx.io.now,
        onProgress: (p) => onProgress(progressLine(p)),
      });
      return {text: renderRehearsal(report, {width}).replace(/^\n/, '')};
    },
  };
}
