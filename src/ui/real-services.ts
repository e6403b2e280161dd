/**
 * The engines behind the app's Services. Each engine module is imported on
 * first use, so the first frame does not wait for undici,
 * systeminformation and friends to load.
 */
import {mkdtemp, realpath, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {CommandContext} from '../cli/context.js';
import type {HardwareDetector} from '../hardware/index.js';
import type {HardwareProfile} from '../core/types/hardware.js';
import type {ConfigSnapshot, Services} from './services.js';

const HARDWARE_TIMEOUT_MS = 8000;
const DISCOVERY_TIMEOUT_MS = 1500;
const DOCTOR_TIMEOUT_MS = 3000;


/**
 * OPENCLAW_LOCAL_DOCTOR_HARDWARE_FILE (HARDWARE_FILE_ENVS in src/hardware):
 * evaluate a saved profile (the format of `hardware --hardware FILE`) instead
 * of this machine, in the app and its doctor runs. For planning a box you do
 * not sit at, and for reproducible end-to-end runs.
 */

/** The saved profile the env names, read as the doctor's own runs read it (same variables, same errors); else this machine. */
async function detectorFor(env: NodeJS.ProcessEnv): Promise<HardwareDetector> {
  const {hardwareFileDetector, liveDetector} = await import('../hardware/index.js');
  return hardwareFileDetector(env) ?? liveDetector();
}

export function realServices(ctx: CommandContext): Services {
  const env = ctx.io.env;
  const config = () => import('../config/index.js');
  let lastSnapshot: ConfigSnapshot | undefined;
  // One detection per session: the hardware screen and every doctor run share
  // it (a machine does not change under us). A failure is not kept, so the
  // next asker tries again.
  let detected: Promise<HardwareProfile> | undefined;
  const detectHardware = (): Promise<HardwareProfile> => {
    if (!detected) {
      const attempt = detectorFor(env).then((d) => d.detect({env, timeoutMs: HARDWARE_TIMEOUT_MS}));
      detected = attempt;
      attempt.catch(() => {
        if (detected === attempt) detected = undefined;
      });
    }
    return detected;
  };

  const loadConfig = async (): Promise<ConfigSnapshot> => {
    // The home menu waits for this, so it loads only locate + read, not the
    // whole config engine (index.ts pulls in the zod schema: a few hundred ms
    // of start-up). Same functions as index.ts re-exports.
    const [{locateConfig}, {readConfig}] = await Promise.all([import('../config/locate.js'), import('../config/read.js')]);
    const location = locateConfig({env, configPath: ctx.global.configPath, profile: ctx.global.profile, cwd: ctx.io.cwd});
    const loaded = await readConfig(location.path);
    let view;
    if (loaded.value !== undefined) {
      const {viewConfig} = await import('../core/config-view.js');
      view = viewConfig(loaded.value, env);
    }
    lastSnapshot = {location, loaded, view};
    return lastSnapshot;
  };

  // The doctor reads the file afresh: it may run right after a write.
  const doctorContext = async (fresh: boolean) => {
    const snap = fresh || !lastSnapshot ? await loadConfig() : lastSnapshot;
    const doctor = await import('../doctor/index.js');
    return doctor.createDoctorContext({
      location: snap.location,
      loaded: snap.loaded,
      env,
      detector: {detect: detectHardware},
      options: {probe: false, includeHosted: false, timeoutMs: DOCTOR_TIMEOUT_MS, only: [], skip: []},
      now: ctx.io.now,
    });
  };

  return {
    runtime: () => ({node: process.versions.node, platform: process.platform, arch: process.arch}),
    async openclawVersion() {
      const dctx = await doctorContext(false);
      return dctx.openclawVersion();
    },
    loadConfig,
    detectHardware,
    async evaluate(profile, opts) {
      const {evaluateHardware} = await import('../core/hardware.js');
      return evaluateHardware(profile, opts);
    },
    async discover(snap) {
      const servers = await import('../servers/index.js');
      const configured = (snap?.view?.providers ?? [])
        .filter((p) => p.isLocal && p.baseUrl)
        .map((p) => ({providerId: p.id, baseUrl: p.baseUrl!, apiKey: p.apiKeyForRequests}));
      // OPENCLAW_LOCAL_DOCTOR_PORTS / _HOST narrow the scan, as for the `servers` command.
      const scan = servers.scanOptionsFromEnv(env);
      const found = await servers.discover({...scan, configured, connectTimeoutMs: DISCOVERY_TIMEOUT_MS, totalTimeoutMs: DOCTOR_TIMEOUT_MS});
      const kindOf = new Map(servers.DEFAULT_PORTS.map((p) => [p.port, p.kind]));
      const scanned = scan.ports ? scan.ports.map((port) => ({port, kind: kindOf.get(port) ?? ('openai-compatible' as const)})) : servers.DEFAULT_PORTS;
      return {servers: found, scanned};
    },
    async probe(baseUrl) {
      const servers = await import('../servers/index.js');
      return servers.probeServer(baseUrl, {connectTimeoutMs: DISCOVERY_TIMEOUT_MS, totalTimeoutMs: DOCTOR_TIMEOUT_MS});
    },
    async listStacks() {
      return (await import('../core/stacks.js')).listStacks();
    },
    async planStack(id, current, answers) {
      return (await import('../core/stacks.js')).planStack(id, current, answers);
    },
    async applyPatch(text, ops) {
      return (await config()).applyPatch(text, ops);
    },
    async diff(before, after, label) {
      const c = await config();
      const {maskDiffSecrets} = await import('../core/mask-diff.js');
      // Keys from both sides: a key the edit adds or changes must not show either.
      const values = [before, after].map((t) => c.parseConfigText(t).value);
      return maskDiffSecrets(c.unifiedDiff(before, after, label), values);
    },
    async validate(before, newText) {
      const c = await config();
      // The same "new issue" rule the write itself applies (a reworded or moved old issue is not new).
      return {newIssues: c.newIssues(c.checkConfig(before, {env}), c.checkConfig(c.parseConfigText(newText, before.path), {env}))};
    },
    async openclawValidate(newText) {
      const c = await config();
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
    async backupPath(loaded) {
      const at = ctx.io.now();
      if (!loaded.exists) return {at};
      // The config engine names backups by time, next to the real file (links resolved).
      const {backupPathFor} = await import('../config/write.js');
      const target = await realpath(loaded.path).catch(() => loaded.path);
      return {path: backupPathFor(target, at), at};
    },
    async writeConfig(loaded, newText, at) {
      return (await config()).writeConfig(loaded, newText, {env, now: at ?? ctx.io.now()});
    },
    async runDoctor(handlers) {
      const dctx = await doctorContext(true);
      const doctor = await import('../doctor/index.js');
      return doctor.runDoctor(dctx, {onStart: handlers.onStart, onResult: handlers.onResult});
    },
    async configFixes(results) {
      const {collectConfigFixes} = await import('../doctor/index.js');
      const ops = collectConfigFixes(results);
      // The doctor drops a fix that would contradict an earlier one: list only those whose ops all made it.
      const kept = new Set(ops.map((op) => JSON.stringify(op)));
      const fixed = results
        .filter((r) => r.fix?.kind === 'config' && r.fix.patch?.length && r.fix.patch.every((op) => kept.has(JSON.stringify(op))))
        .map((r) => ({id: r.id, description: r.fix!.description}));
      return {ops, fixed};
    },

    async rehearse({width, signal, onProgress}) {
      const snap = await loadConfig();
      const [{rehearsalTarget, rehearse, REHEARSAL_BUDGET_MS, REHEARSAL_WAIT_MS}, {renderRehearsal, progressLine}] = await Promise.all([
        import('../doctor/rehearse.js'),
        import('../doctor/render-rehearsal.js'),
      ]);
      const target = rehearsalTarget(snap.view, snap.loaded.value);
      if (typeof target === 'string') return {text: `Nothing to rehearse: ${target}`};
      const report = await rehearse(target, {waitMs: REHEARSAL_WAIT_MS, budgetMs: REHEARSAL_BUDGET_MS, signal, env, nowDate: ctx.io.now, onProgress: (p) => onProgress(progressLine(p))});
      return {text: renderRehearsal(report, {width}).replace(/^\n/, '')};
    },
  };
}
