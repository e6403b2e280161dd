/** OpenClaw install, Node, hardware and logs. */
import {shortTime, summarizeLogLine} from '../../core/findings/log-line.js';
import {expandUserPath, splitModelRef} from '../../config/index.js';
import {resolveRef} from '../../core/config-view.js';
import {catalogModel, evaluateHardware, type FitEstimate} from '../../core/hardware.js';
import {servedGeometry} from '../fit-context.js';
import type {HardwareProfile} from '../../core/types/hardware.js';
import {classifyError, redact} from '../../servers/index.js';
import {explainClass} from '../../core/findings/errors.js';
import {classifyOpenClawError, explainOpenClawError} from '../../core/findings/openclaw-errors.js';
import {fmt, plural, shq} from '../../core/findings/format.js';
import {isCloudModel} from '../../core/findings/quantization.js';
import {nodeSatisfiesOpenClaw, OPENCLAW_NODE_RANGE, parseNodeVersion} from '../../core/findings/node-version.js';
import {defineCheck, fail, modelPath, noViewSkip, pass, skip, usedRefs, warn, type Finding} from '../define.js';
import type {DoctorContext} from '../types.js';
import {clusterProfileFor} from './cluster.js';
import {guessKind} from '../../core/findings/server-commands.js';

export const openclawValidateCheck = defineCheck({
  id: 'openclaw.validate',
  title: 'Installed OpenClaw accepts the file',
  group: 'openclaw',
  budgetMs: () => 20_000,
  async detect(ctx) {
    if (!ctx.loaded.exists) return [skip('no config file')];
    if (!ctx.openclawValidation) return [skip('validation not available here')];
    const v = await ctx.openclawValidation();
    if (!v.available) {
      // The lookup's own "not found (set OPENCLAW_BIN…)" says the same thing again; keep other errors.
      const why = v.error && !/not found/i.test(v.error) ? `: ${v.error}` : '';
      return [skip(`OpenClaw CLI not found (install it, or set OPENCLAW_BIN to it)${why}`)];
    }
    const ver = {openclaw: v.version ?? null, ...(v.cached ? {cached: true} : {})};
    if (v.valid === undefined)
      return [warn(`openclaw config validate did not give a verdict: ${v.error ?? 'no output'}`, {evidence: ver})];
    const fixCmd = {
      kind: 'command' as const,
      description: 'let OpenClaw repair or migrate the file (it keeps a .bak)',
      command: 'openclaw doctor --fix',
    };
    if (!v.valid) {
      const out = v.issues.slice(0, 10).map((i, n) =>
        fail(`${i.path ? `${i.path}: ` : ''}${i.message}; the Gateway refuses to start with this file`, {
          path: i.path || undefined,
          evidence: ver,
          fix: n === 0 ? fixCmd : undefined,
        }),
      );
      if (out.length === 0)
        out.push(
          fail(`OpenClaw ${v.version ?? ''} rejects the file${v.error ? `: ${v.error}` : ''}`, {
            evidence: ver,
            fix: fixCmd,
          }),
        );
      if (v.issues.length > 10) out.push(fail(`${v.issues.length - 10} more issues: run openclaw config validate`));
      return out;
    }
    const warnings = v.warnings ?? [];
    if (warnings.length) {
      return warnings
        .slice(0, 10)
        .map((w, n) =>
          warn(
            `${w.path ? `${w.path}: ` : ''}${w.message} (legacy key or unresolved \${VAR}; OpenClaw migrates it in memory)`,
            {path: w.path || undefined, evidence: ver, fix: n === 0 ? fixCmd : undefined},
          ),
        );
    }
    return [pass(`OpenClaw ${v.version ?? ''} accepts the file`.replace('  ', ' '), {evidence: ver})];
  },
});

export const nodeVersion = defineCheck({
  id: 'node.version',
  title: 'Node is new enough for OpenClaw',
  group: 'openclaw',
  budgetMs: () => 10_000,
  async detect(ctx) {
    if (!ctx.nodeVersion) return [skip('cannot look for node here')];
    const text = await ctx.nodeVersion();
    const ev = {found: text, required: OPENCLAW_NODE_RANGE};
    const fix = {
      kind: 'command' as const,
      description: 'install Node 24 (e.g. with nvm) and reinstall OpenClaw under it',
      command: 'nvm install 24 && nvm use 24 && npm install -g openclaw@latest',
    };
    if (!text) return [warn(`no node on PATH; OpenClaw needs Node ${OPENCLAW_NODE_RANGE}`, {evidence: ev, fix})];
    const v = parseNodeVersion(text);
    if (!v) return [warn(`could not read the Node version from ${JSON.stringify(text)}`, {evidence: ev})];
    if (nodeSatisfiesOpenClaw(v))
      return [pass(`node ${text.trim()} on PATH (OpenClaw needs ${OPENCLAW_NODE_RANGE})`, {evidence: ev})];
    return [
      warn(
        `node ${text.trim()} on PATH, but OpenClaw 2026.9 needs ${OPENCLAW_NODE_RANGE}; on older Node it exits at start (and npm may have installed the empty placeholder openclaw@0.0.1)`,
        {
          evidence: ev,
          fix,
        },
      ),
    ];
  },
});

function localUsedModels(ctx: DoctorContext) {
  const v = ctx.view;
  if (!v) return [];
  const out = [];
  for (const ref of usedRefs(ctx)) {
    const split = splitModelRef(ref);
    const hit = split ? resolveRef(v, split) : undefined;
    if (split && hit?.provider.isLocal && !isCloudModel(split.model))
      out.push({ref, provider: hit.provider, model: hit.model, modelId: split.model});
  }
  return out;
}

export const hardwareTier = defineCheck({
  id: 'hardware.tier',
  title: 'Hardware tier',
  group: 'hardware',
  budgetMs: () => 20_000,
  async detect(ctx) {
    const locals = localUsedModels(ctx);
    // A model served by an exo cluster runs on the cluster's machines, not this one.
    const cluster = locals.length ? await clusterProfileFor(ctx, locals[0].provider) : undefined;
    const profile = cluster ?? (await ctx.hardware());
    const verdict = evaluateHardware(profile, cluster ? {} : {nodes: ctx.options.nodes});
    const ev = {
      usableGB: verdict.usableAcceleratorMemoryGB,
      ramGB: profile.ramTotalGB,
      tier: verdict.tier.id,
      nodes: cluster ? cluster.accelerators.length : (ctx.options.nodes ?? profile.nodes ?? 1),
    };
    if (verdict.tier.id === 'hosted-only' && locals.length) {
      return [
        warn(
          `${verdict.tier.label}: ${fmt(verdict.usableAcceleratorMemoryGB)} GB usable for models, yet "${locals[0].ref}" is local; expect it to be slow or not to load (${verdict.tier.summary})`,
          {evidence: ev},
        ),
      ];
    }
    return [
      pass(
        `${verdict.tier.label} (${verdict.usableAcceleratorMemoryGB} GB usable for models${cluster ? ` on the exo cluster's ${cluster.accelerators.length} machines` : ''})`,
        {evidence: ev},
      ),
    ];
  },
});

export const hardwareFit = defineCheck({
  id: 'hardware.fit',
  title: 'Local model fits this machine at its context',
  group: 'hardware',
  budgetMs: () => 20_000,
  async detect(ctx) {
    if (!ctx.view) return [noViewSkip(ctx)];
    const locals = localUsedModels(ctx);
    if (locals.length === 0) return [skip('no local model in use')];
    const here = await ctx.hardware();
    const out: Finding[] = [];
    for (const l of locals) {
      const context = l.model?.contextWindow;
      const cluster = await clusterProfileFor(ctx, l.provider);
      // An exo provider whose cluster does not answer: this machine says nothing about where the model runs.
      if (!cluster && guessKind(l.provider.id, l.provider.baseUrl, l.provider.api) === 'exo') {
        out.push(
          skip(
            `${l.ref} is served by an exo cluster that did not answer: its machines decide the fit (see server.reachable)`,
            {provider: l.provider.id, model: l.modelId},
          ),
        );
        continue;
      }
      const profile = cluster ?? here;
      // Geometry as the server reports it (Ollama /api/show model_info, llama.cpp meta, LM Studio's list), from the
      // probe the server checks already made (memoised: no extra request).
      const served = await servedGeometry(ctx, l.provider, l.modelId);
      const nodes = cluster ? undefined : ctx.options.nodes;
      const verdict = evaluateHardware(profile, {
        nodes,
        model: l.ref,
        context,
        ...(served.geometry ? {geometry: served.geometry} : {}),
        ...(served.kvCacheType ? {kvCacheType: served.kvCacheType} : {}),
      });
      const at = {provider: l.provider.id, model: l.modelId};
      if (verdict.unknownModel || !verdict.fit) {
        out.push(skip(verdict.unknownModel?.message ?? `no size known for "${l.ref}"`, at));
        continue;
      }
      const f = verdict.fit;
      const ev = {
        weightsGB: f.weightsGB,
        kvCacheGB: f.kvCacheGB,
        totalGB: f.totalGB,
        usableGB: f.usableGB,
        context: f.context,
        maxContextThatFits: f.maxContextThatFits,
        verdict: f.verdict,
        kvCacheType: f.kvCacheType ?? 'f16',
        ...(f.sources?.weights ? {weightsFrom: f.sources.weights} : {}),
        ...(f.sources?.kv ? {kvFrom: f.sources.kv} : {}),
      };
      const what = f.modelLabel ? `${f.modelLabel} ${f.buildLabel ?? f.build}` : f.build;
      // The build is a guess when the id does not name it; say so, once.
      const assumed = f.notes.find((n) => /assum/i.test(n));
      const fromServer =
        f.sources?.weights && f.sources.weights !== 'catalog' && !f.sources.weights.startsWith('catalog')
          ? ` (sizes from ${f.sources.weights})`
          : '';
      const kvType = f.kvCacheType && f.kvCacheType !== 'f16' ? ` ${f.kvCacheType}` : '';
      const nums = `${what}${assumed && !fromServer ? ' (assumed: the id does not say the quantization)' : ''}${fromServer}: weights ${f.weightsGB} GB + KV cache${kvType} ${f.kvCacheGB} GB at ${fmt(f.context)} tokens + ${f.overheadGB} GB overhead = ${f.totalGB} GB vs ${f.usableGB} GB usable`;
      if (f.verdict === 'fits') out.push(pass(nums, {...at, evidence: ev}));
      else if (f.verdict === 'reduced-context') {
        out.push(
          warn(`${nums}: fits only with context ≤ ${fmt(f.maxContextThatFits)}`, {
            ...at,
            evidence: ev,
            fix:
              l.model && f.maxContextThatFits > 0
                ? {
                    kind: 'config',
                    description: `lower contextWindow to ${fmt(f.maxContextThatFits)}`,
                    patch: [
                      {op: 'set', path: modelPath(l.provider, l.model, 'contextWindow'), value: f.maxContextThatFits},
                    ],
                  }
                : undefined,
          }),
        );
      } else if (f.verdict === 'offload')
        out.push(warn(`${nums}: runs only with part of it in system RAM (much slower)`, {...at, evidence: ev}));
      else {
        const smaller = smallerBuildThatFits(profile, l.ref, f, nodes);
        // A verdict built on a guessed build warns; a known build fails.
        out.push(
          (assumed ? warn : fail)(`${nums}: does not fit ${cluster ? 'the exo cluster' : 'this machine'}`, {
            ...at,
            evidence: ev,
            fix: {
              kind: 'command',
              description: smaller
                ? `a smaller build fits: ${smaller}; see what fits this machine`
                : 'pick a smaller model or a lower context; see what fits this machine',
              command: `openclaw-local-doctor hardware --model ${shq(l.modelId)} --context ${f.context}`,
            },
          }),
        );
      }
    }
    return out;
  },
});

/** The largest catalog build of the same model that runs at this context (or with ≥ 32K of it). */
function smallerBuildThatFits(
  profile: HardwareProfile,
  ref: string,
  f: FitEstimate,
  nodes: number | undefined,
): string | undefined {
  const model = catalogModel(f.model);
  if (!model) return undefined;
  const builds = [...model.builds].filter((b) => b.weightsGB < f.weightsGB).sort((a, b) => b.weightsGB - a.weightsGB);
  for (const b of builds) {
    const v = evaluateHardware(profile, {nodes, model: ref, context: f.context, modelSizeGB: b.weightsGB}).fit;
    if (!v) continue;
    const risk = b.aggressive ? ', aggressive quantization (see safety.quantization)' : '';
    if (v.verdict === 'fits') return `${b.label} (${b.weightsGB} GB) at ${fmt(f.context)} tokens${risk}`;
    if (v.verdict === 'reduced-context' && v.maxContextThatFits >= 32_768)
      return `${b.label} (${b.weightsGB} GB) with context ≤ ${fmt(v.maxContextThatFits)}${risk}`;
  }
  return undefined;
}

const LOG_TAIL_BYTES = 256 * 1024;
const ERRORISH =
  /error|fail|exceed|overflow|not found|not allowed|unrecognized key|too small|incomplete turn|ordering conflict|expected a string|validation\.keys|refused|timed? ?out|unauthori|invalid|unexpected endpoint|loading model|n_ctx/i;

function ymd(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * OpenClaw's profile segment in a daily log's name (encodeLogProfileSegment in its log-file-path.ts, 2026.9.6):
 * a-z and 0-9 kept, '-' → '--', '_' → '-0', A-Z → '-1' + lower case, anything else → '-2<hex>-'. Profiles whose
 * encoding passes 220 characters are hashed there; we do not follow those (undefined: the default name is read).
 */
export function logProfileSegment(profile: string | undefined): string | undefined {
  const p = profile?.trim();
  if (!p || p.toLowerCase() === 'default') return undefined;
  let out = '';
  for (const ch of p) {
    if (/^[a-z0-9]$/.test(ch)) out += ch;
    else if (ch === '-') out += '--';
    else if (ch === '_') out += '-0';
    else if (/^[A-Z]$/.test(ch)) out += `-1${ch.toLowerCase()}`;
    else out += `-2${ch.codePointAt(0)?.toString(16) ?? '0'}-`;
  }
  return out.length <= 220 ? out : undefined;
}

/** Files the logs check reads: logging.file, or today's and yesterday's daily log. */
export function logFiles(ctx: DoctorContext): string[] {
  const file = ctx.view?.loggingFile;
  if (file) return [expandUserPath(file, ctx.location.home, process.cwd())];
  const dir = ctx.logDir ?? '/tmp/openclaw';
  const now = ctx.now();
  const yesterday = new Date(now.getTime() - 24 * 3600 * 1000);
  // A named profile logs to openclaw-<encoded profile>-<date>.log (resolveDefaultRollingLogFile, 2026.9.6).
  const segment = logProfileSegment(ctx.env.OPENCLAW_PROFILE);
  const prefix = segment ? `openclaw-${segment}` : 'openclaw';
  return [`${dir}/${prefix}-${ymd(now)}.log`, `${dir}/${prefix}-${ymd(yesterday)}.log`];
}

export const logsRecentErrors = defineCheck({
  id: 'logs.recent-errors',
  title: "No known errors in OpenClaw's recent log",
  group: 'logs',
  budgetMs: () => 10_000,
  async detect(ctx) {
    if (!ctx.readTail) return [skip('cannot read files here')];
    const files = logFiles(ctx);
    const secrets = (ctx.view?.providers ?? []).map((p) => p.apiKeyForRequests).filter((s): s is string => !!s);
    type Group = {
      count: number;
      last: string;
      file: string;
      ex?: {title: string; cause: string; fixes: string[]; checkId?: string};
    };
    const groups = new Map<string, Group>();
    let read = 0;
    const readFiles: string[] = [];
    let lines = 0;
    for (const file of files) {
      const text = await ctx.readTail(file, LOG_TAIL_BYTES);
      if (text === null) continue;
      read++;
      readFiles.push(file);
      const all = text.split(/\r?\n/);
      if (all.length > 1 && text.length >= LOG_TAIL_BYTES) all.shift(); // first line is probably cut
      for (const line of all.slice(-5000)) {
        if (!line || !ERRORISH.test(line)) continue;
        lines++;
        const cut = line.slice(0, 4000);
        // OpenClaw's own messages first (allowlist, context guard, schema), then the servers'.
        const own = classifyOpenClawError(cut);
        let kind: string;
        let ex: Group['ex'];
        if (own) {
          kind = own.kind;
          ex = explainOpenClawError(own);
        } else {
          const cls = classifyError(cut);
          if (cls.class.kind === 'unknown') continue;
          kind = cls.class.kind;
          ex = explainClass(cls.class, cls.server);
        }
        const g = groups.get(kind);
        if (g) {
          g.count++;
          g.last = line;
          g.file = file;
          g.ex = ex;
        } else groups.set(kind, {count: 1, last: line, file, ex});
      }
    }
    if (read === 0) return [skip(`no OpenClaw log at ${files.join(' or ')}`)];
    if (groups.size === 0)
      return [
        pass(
          `no known error signatures in the last ${fmt(LOG_TAIL_BYTES / 1024)} KB of ${readFiles.join(' and ')} (${plural(lines, 'error-looking line')})`,
        ),
      ];
    const out: Finding[] = [];
    for (const [kind, g] of groups) {
      const ex = g.ex;
      // The error's own words and time, not the raw JSON line (issue 16).
      const last = summarizeLogLine(redact(g.last.trim(), secrets));
      const when = last.time ? ` at ${shortTime(last.time)}` : '';
      out.push(
        warn(
          `${plural(g.count, 'line')} with ${ex ? ex.title.charAt(0).toLowerCase() + ex.title.slice(1) : kind} in ${g.file}; the last${when}: "${last.message}". Cause: ${ex?.cause ?? 'see the log'}`,
          {
            evidence: {count: g.count, kind, file: g.file},
            fix: ex
              ? {
                  kind: 'command',
                  description: `${ex.fixes[0].replace(/,? or$/, '').replace(/\.$/, '')}${ex.checkId ? ` (details: doctor --only ${ex.checkId})` : ''}`,
                }
              : undefined,
          },
        ),
      );
    }
    return out;
  },
});
