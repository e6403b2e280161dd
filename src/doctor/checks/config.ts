/** Checks on the file itself: found, parse, schema, keys, refs, allowlist, merge mode, hidden overrides. */
import {splitModelRef} from '../../config/index.js';
import {parseErrorHint} from '../../config/read.js';
import type {ConfigIssue} from '../../core/types/config.js';
import {resolveRef} from '../../core/config-view.js';
import {closestIds} from '../../core/findings/closest.js';
import {plural, shq} from '../../core/findings/format.js';
import {defineCheck, fail, pass, skip, usedRefs, warn, type Finding} from '../define.js';
import type {DoctorContext} from '../types.js';

const ENGINE_CODES = new Set(['parse', 'duplicate-key', 'model-ref', 'allowlist']);
const MIGRATABLE = new Set(['schema', 'unknown-key', 'legacy-key', 'openclaw']);
const noFile = (ctx: DoctorContext): Finding | undefined =>
  !ctx.loaded.exists
    ? skip('no config file')
    : ctx.loaded.parseError
      ? skip('the file does not parse (see config.parse)')
      : undefined;

function issueFinding(i: ConfigIssue): Finding {
  const where = i.line ? ` (line ${i.line}${i.column ? `:${i.column}` : ''})` : '';
  const msg = `${i.path ? `${i.path}: ` : ''}${i.message}${where}`;
  const extra = {path: i.path, severity: i.severity};
  return i.severity === 'error' ? fail(msg, extra) : warn(msg, extra);
}

/** A read failure (directory, permissions, size) rather than a syntax error: the reader reports it at line 0. */
function unreadableReason(ctx: DoctorContext): string | undefined {
  const e = ctx.loaded.parseError;
  return e && e.line === 0 ? e.message : undefined;
}

/** UTF-16 or other non-UTF-8 bytes: the reader flags it; NULs or replacement characters give it away too. */
function notUtf8(ctx: DoctorContext): boolean {
  return ctx.loaded.notUtf8 === true || /[\u0000\ufffd]/.test(ctx.loaded.text.slice(0, 4096));
}

/** The locator's reason as a parenthetical: no final period, no nested brackets. */
const reasonText = (reason: string): string =>
  reason
    .trim()
    .replace(/\.$/, '')
    .replace(/ \((.*)\)$/, '; $1');

export const configFound = defineCheck({
  id: 'config.found',
  title: 'Config file found',
  group: 'config',
  detect(ctx) {
    const loc = ctx.location;
    const out: Finding[] = [];
    const unreadable = unreadableReason(ctx);
    if (unreadable) {
      out.push(fail(`${unreadable}; OpenClaw cannot use it either`, {evidence: {path: loc.path, source: loc.source}}));
    } else if (!loc.exists || !ctx.loaded.exists) {
      out.push(
        fail(
          `no config at ${loc.path} (${reasonText(loc.reason)})${/creat/i.test(loc.reason) || loc.source === 'flag' ? '' : '; OpenClaw creates it on first run'}`,
          {
            evidence: {path: loc.path, source: loc.source},
            fix: {
              kind: 'command',
              description: 'create a working config for a local model',
              command: 'openclaw-local-doctor setup',
            },
          },
        ),
      );
    } else {
      out.push(pass(`${loc.path} (${reasonText(loc.reason)})`, {evidence: {path: loc.path, source: loc.source}}));
    }
    for (const legacy of loc.legacyFound) {
      out.push(
        warn(`old install file ${legacy} exists but current OpenClaw ignores it; move its settings into ${loc.path}`, {
          severity: 'info',
        }),
      );
    }
    if (loc.readOnly)
      out.push(
        warn(`the config is read-only for OpenClaw and this tool: ${loc.readOnlyReason ?? 'read-only flag set'}`, {
          severity: 'info',
        }),
      );
    return out;
  },
});

const COMMA_HINT = /comma missing at the end of line (\d+)/;

/**
 * The line whose trailing comma is missing, read off the config engine's hint
 * (parseErrorHint) so the doctor and the reader never disagree.
 */
export function missingCommaLine(text: string, line: number, column: number): number | undefined {
  const m = parseErrorHint(text, line, column)?.match(COMMA_HINT);
  return m ? Number(m[1]) : undefined;
}

export const configParse = defineCheck({
  id: 'config.parse',
  title: 'Config parses as JSON5',
  group: 'config',
  async detect(ctx) {
    if (!ctx.loaded.exists) return [skip('no config file')];
    if (unreadableReason(ctx)) return [skip('the file cannot be read (see config.found)')];
    const e = ctx.loaded.parseError;
    if (e) {
      const bak = `${ctx.location.path}.bak`;
      const hasBak = ctx.readTail ? (await ctx.readTail(bak, 1)) !== null : false;
      // The reader's hint; a hand-made LoadedConfig may lack one, so work it out from the text then.
      const syntaxHint = e.hint ?? parseErrorHint(ctx.loaded.text, e.line, e.column);
      const commaAt = syntaxHint?.match(COMMA_HINT)?.[1];
      const comma = commaAt ? Number(commaAt) : undefined;
      const hint = notUtf8(ctx)
        ? '; the file is not UTF-8 text (an editor may have saved it as UTF-16): save it as UTF-8'
        : syntaxHint
          ? `; ${syntaxHint}`
          : '';
      return [
        fail(
          `JSON5 syntax error at line ${e.line}:${e.column}: ${e.message.replace(/ at \d+:\d+$/, '')}${hint}; the Gateway refuses to start with this file`,
          {
            evidence: {line: e.line, column: e.column},
            fix: hasBak
              ? {
                  kind: 'command',
                  description: `fix line ${comma ?? e.line} by hand, or restore the last good copy OpenClaw kept (this replaces the file)`,
                  command: `cp ${shq(bak)} ${shq(ctx.location.path)}`,
                }
              : {kind: 'command', description: `fix line ${comma ?? e.line} by hand (no ${bak} to restore from)`},
          },
        ),
      ];
    }
    return [pass('valid JSON5')];
  },
});

export const configSchema = defineCheck({
  id: 'config.schema',
  title: 'Config matches the schema',
  group: 'config',
  async detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    if (!ctx.configIssues) return [skip('config engine not available')];
    // The schema pass is CPU work: let the network checks send their requests first.
    await new Promise((r) => setImmediate(r));
    const issues = ctx.configIssues().filter((i) => !ENGINE_CODES.has(i.code));
    if (issues.length === 0) {
      // Point at OpenClaw's own verdict only when there is one (the validation is shared with openclaw.validate).
      const oc = ctx.openclawValidation ? await ctx.openclawValidation().catch(() => undefined) : undefined;
      return [
        pass(
          `no schema problems found ${oc?.available ? "(OpenClaw's own verdict: openclaw.validate)" : '(by our schema; OpenClaw is not installed here, so its own check did not run)'}`,
        ),
      ];
    }
    const out = issues.slice(0, 20).map((i) => issueFinding(i));
    if (issues.length > 20) out.push(warn(`${issues.length - 20} more schema issues not shown`));
    // `openclaw doctor --fix` repairs schema problems and migrates legacy keys; it cannot
    // create a missing $include file or set an environment variable.
    const shown = issues.slice(0, 20);
    const firstSchema = shown.findIndex((i, n) => out[n].status === 'fail' && MIGRATABLE.has(i.code));
    if (firstSchema >= 0)
      out[firstSchema].fix = {
        kind: 'command',
        description: 'let OpenClaw repair the keys and migrate legacy ones (it keeps a .bak), or fix them by hand',
        command: 'openclaw doctor --fix',
      };
    const firstInclude = shown.findIndex((i, n) => out[n].status === 'fail' && i.code === 'include');
    if (firstInclude >= 0)
      out[firstInclude].fix = {
        kind: 'command',
        description: "create the included file, or correct the $include path (relative to the config's folder)",
      };
    return out;
  },
});

export const configDuplicateKeys = defineCheck({
  id: 'config.duplicate-keys',
  title: 'No duplicate keys',
  group: 'config',
  detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    const dups = ctx.loaded.duplicateKeys;
    if (dups.length === 0) return [pass('no key appears twice in one object')];
    const unlisted = (ctx.loaded.duplicateKeyCount ?? 0) - dups.length;
    return [
      ...dups.map((d) =>
        warn(
          `${d.path} appears more than once (line ${d.line}:${d.column}); JSON5 keeps only the last one, so the earlier value is silently ignored`,
          {
            path: d.path,
            evidence: {line: d.line, column: d.column},
          },
        ),
      ),
      ...(unlisted > 0
        ? [warn(`${unlisted} more duplicate key(s) not listed (${ctx.loaded.duplicateKeyCount} in all)`)]
        : []),
    ];
  },
});

/** Built-in provider ids OpenClaw knows without a models.providers entry (merge mode). */
const BUILTIN_PROVIDERS = new Set([
  'anthropic',
  'openai',
  'openrouter',
  'google',
  'google-vertex',
  'gemini',
  'github-copilot',
  'bedrock',
  'amazon-bedrock',
  'mistral',
  'groq',
  'xai',
  'deepseek',
  'moonshot',
  'kimi',
  'zai',
  'minimax',
  'qwen',
  'together',
  'fireworks',
  'cerebras',
  'huggingface',
  'openai-codex',
  'azure-openai',
  'ollama',
  'lmstudio',
  'vllm',
  'sglang',
  'litellm',
  'perplexity',
  'venice',
  'chutes',
  'nvidia',
]);

/** Hosted provider ids that also appear as publisher prefixes of local model ids. */
const HOSTED_PREFIXES = new Set(['google', 'openai', 'anthropic', 'mistral', 'deepseek', 'xai', 'groq', 'openrouter']);

export const configModelRefs = defineCheck({
  id: 'config.model-refs',
  title: 'Model refs point at defined models',
  group: 'config',
  detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    const v = ctx.view!;
    const out: Finding[] = [];
    if (!v.primary) {
      out.push(
        warn('no agents.defaults.model.primary: OpenClaw picks a default you did not choose', {
          path: 'agents.defaults.model',
        }),
      );
    }
    const refs = usedRefs(ctx);
    refs.forEach((ref) => {
      const isPrimary = ref === v.primary;
      const path = isPrimary ? 'agents.defaults.model.primary' : 'agents.defaults.model.fallbacks';
      if (ref.includes('${')) {
        out.push(skip(`"${ref}" comes from an environment variable at run time; not checked`, {path}));
        return;
      }
      const split = splitModelRef(ref);
      if (!split) {
        out.push(fail(`"${ref}" is not a "provider/model" ref`, {path}));
        return;
      }
      const hit = resolveRef(v, split);
      if (!hit) {
        if (v.mode === 'replace') {
          out.push(
            fail(
              `"${ref}": provider "${split.provider}" is not defined, and models.mode "replace" drops the bundled catalogs`,
              {path, provider: split.provider},
            ),
          );
        } else if (BUILTIN_PROVIDERS.has(split.provider)) {
          out.push(
            pass(`"${ref}" (built-in provider "${split.provider}", from OpenClaw's catalog)`, {
              path,
              provider: split.provider,
            }),
          );
        } else {
          out.push(
            warn(
              `"${ref}": provider "${split.provider}" is not defined under models.providers and is not a built-in id`,
              {path, provider: split.provider},
            ),
          );
        }
        return;
      }
      if (hit.model) {
        out.push(
          pass(`"${ref}" → models.providers.${hit.provider.id}.models[${hit.model.index}]`, {
            path,
            provider: hit.provider.id,
            model: hit.model.id,
          }),
        );
        return;
      }
      if (hit.provider.models.length === 0) {
        out.push(
          pass(`"${ref}": provider "${hit.provider.id}" lists no models, so OpenClaw discovers them from the server`, {
            path,
            provider: hit.provider.id,
          }),
        );
        return;
      }
      const ids = hit.provider.models.map((m) => m.id);
      const near = closestIds(split.model, ids);
      const fixRef = near.exact ? `${hit.provider.id}/${near.exact}` : undefined;
      const refPath = isPrimary
        ? ['agents', 'defaults', 'model', 'primary']
        : ['agents', 'defaults', 'model', 'fallbacks', v.fallbacks.indexOf(ref)];
      out.push(
        fail(
          `"${ref}": provider "${hit.provider.id}" has no model "${split.model}" (it defines ${ids.map((i) => `"${i}"`).join(', ')})${near.ids.length ? `; did you mean "${hit.provider.id}/${near.ids[0]}"?` : ''}`,
          {
            path,
            provider: hit.provider.id,
            model: split.model,
            fix: fixRef
              ? {
                  kind: 'config',
                  description: `point the ref at "${fixRef}"`,
                  patch: [{op: 'set', path: refPath, value: fixRef}],
                }
              : undefined,
          },
        ),
      );
    });
    // Ids that OpenClaw may route elsewhere than the local server.
    for (const p of v.providers.filter((q) => q.isLocal)) {
      if (/\s/.test(p.id)) {
        out.push(
          warn(
            `provider id "${p.id}" contains a space; with api "openai-responses" such providers have been seen to give no response at all (#6267); use an id like "${p.id.replace(/\s+/g, '-').toLowerCase()}"`,
            {provider: p.id},
          ),
        );
      }
      for (const m of p.models) {
        const head = m.id.split('/')[0].toLowerCase();
        if (m.id.includes('/') && HOSTED_PREFIXES.has(head) && head !== p.id.toLowerCase()) {
          out.push(
            warn(
              `local model id "${m.id}" under "${p.id}" starts with the hosted provider id "${head}/": some OpenClaw builds route such ids to ${head} instead of the local server (#68447)`,
              {
                provider: p.id,
                model: m.id,
                path: `models.providers.${p.id}.models[${m.index}].id`,
                severity: 'info',
              },
            ),
          );
        }
      }
    }
    if (refs.length && out.length === 0) out.push(pass(`${plural(refs.length, 'ref')} checked`));
    return out;
  },
});

/**
 * The allowlist trap before migration: without meta.migrations.modelPolicyAllowlist,
 * OpenClaw's next write copies the keys of agents.defaults.models into
 * modelPolicy.allow, and a used model that is not among them stops working.
 */
function pendingAllowlist(ctx: DoctorContext): Finding[] | undefined {
  const root = ctx.loaded.value as {meta?: {migrations?: Record<string, unknown>}} | undefined;
  if (root?.meta?.migrations?.modelPolicyAllowlist) return undefined;
  const keys = Object.keys(ctx.view!.aliases);
  if (keys.length === 0) return undefined;
  const missing = usedRefs(ctx).filter((r) => !keys.includes(r));
  if (missing.length === 0)
    return [
      pass(
        `no modelPolicy.allow list yet; every used model is a key of agents.defaults.models, which OpenClaw turns into the allowlist on its next write`,
      ),
    ];
  return missing.map((ref) =>
    warn(
      `"${ref}" is used but is not a key of agents.defaults.models (${plural(keys.length, 'key')}); OpenClaw's next write turns those keys into modelPolicy.allow (meta.migrations.modelPolicyAllowlist is not set yet), and then requests to it fail with "model not allowed"`,
      {
        path: 'agents.defaults.models',
        fix: {
          kind: 'config',
          description: `add "${ref}" to agents.defaults.models`,
          patch: [{op: 'set', path: ['agents', 'defaults', 'models', ref], value: {}}],
        },
      },
    ),
  );
}

export const configAllowlist = defineCheck({
  id: 'config.allowlist',
  title: 'Used models are allowed',
  group: 'config',
  detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    const allow = ctx.view!.allow;
    if (allow.length === 0) {
      const pending = pendingAllowlist(ctx);
      if (pending) return pending;
      return [pass('no modelPolicy.allow list (every configured model is allowed)')];
    }
    const allowed = (ref: string): boolean =>
      allow.includes(ref) || allow.includes(`${ref.split('/')[0]}/*`) || allow.includes('*');
    const out: Finding[] = [];
    for (const ref of usedRefs(ctx)) {
      if (!allowed(ref)) {
        out.push(
          fail(
            `"${ref}" is used but missing from agents.defaults.modelPolicy.allow (${plural(allow.length, 'entry', 'entries')}): requests fail with "model not allowed"`,
            {
              path: 'agents.defaults.modelPolicy.allow',
              fix: {
                kind: 'config',
                description: `add "${ref}" to agents.defaults.modelPolicy.allow`,
                patch: [{op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: ref}],
              },
            },
          ),
        );
      }
    }
    return out.length
      ? out
      : [pass(`every used model is in modelPolicy.allow (${plural(allow.length, 'entry', 'entries')})`)];
  },
});

export const configMergeMode = defineCheck({
  id: 'config.merge-mode',
  title: 'models.mode keeps the bundled catalogs',
  group: 'config',
  detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    const v = ctx.view!;
    if (v.mode !== 'replace')
      return [
        pass(
          `models.mode is ${v.mode ? `"${v.mode}"` : 'not set (merge)'}: hosted providers and discovery stay available`,
        ),
      ];
    const defined = new Set(v.providers.map((p) => p.id));
    const orphans = v.fallbacks.filter((r) => !defined.has(r.split('/')[0]));
    return [
      (orphans.length ? fail : warn)(
        `models.mode "replace" drops OpenClaw's bundled catalogs and turns discovery off${
          orphans.length
            ? `; fallbacks ${orphans.map((o) => `"${o}"`).join(', ')} point at providers that are then undefined`
            : ''
        }`,
        {
          path: 'models.mode',
          fix: {
            kind: 'config',
            description: 'set models.mode to "merge"',
            patch: [{op: 'set', path: ['models', 'mode'], value: 'merge'}],
          },
        },
      ),
    ];
  },
});

function catalogProviders(value: unknown): Record<string, {baseUrl?: unknown; apiKey?: unknown}> {
  const v = value as {providers?: unknown; models?: {providers?: unknown}} | undefined;
  const p = v && typeof v === 'object' ? (v.providers ?? v.models?.providers) : undefined;
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Record<string, {baseUrl?: unknown}>) : {};
}

const normUrl = (u: string): string => u.trim().replace(/\/+$/, '');

export const configHiddenOverride = defineCheck({
  id: 'config.hidden-override',
  title: 'No stale per-agent catalog overrides the config',
  group: 'config',
  async detect(ctx) {
    const none = noFile(ctx);
    if (none) return [none];
    if (!ctx.agentCatalogs) return [skip('state directory not readable here')];
    const files = await ctx.agentCatalogs();
    if (files.length === 0) return [pass(`no per-agent catalogs under ${ctx.location.stateDir}/agents`)];
    const out: Finding[] = [];
    const mode = ctx.view!.mode ?? 'merge';
    for (const f of files) {
      if (f.error) {
        out.push(warn(`${f.path}: ${f.error}`, {severity: 'info'}));
        continue;
      }
      for (const [pid, entry] of Object.entries(catalogProviders(f.value))) {
        const cfg = ctx.view!.providers.find((p) => p.id === pid);
        const cached = typeof entry?.baseUrl === 'string' ? entry.baseUrl : undefined;
        if (!cfg || !cached || !cfg.baseUrl || normUrl(cached) === normUrl(cfg.baseUrl)) continue;
        out.push(
          (mode === 'merge' ? fail : warn)(
            `agent "${f.agentId}" has baseUrl ${cached} for provider "${pid}" in ${f.path}; ${
              mode === 'merge' ? 'in merge mode it overrides' : 'it differs from'
            } openclaw.json's ${cfg.baseUrl}, so edits to openclaw.json seem to have no effect (#37309)`,
            {
              provider: pid,
              evidence: {file: f.path, cachedBaseUrl: cached, configBaseUrl: cfg.baseUrl},
              fix: {
                kind: 'command',
                description: 'move the stale catalog aside; OpenClaw rebuilds it from openclaw.json',
                command: `mv ${shq(f.path)} ${shq(`${f.path}.stale`)}`,
              },
            },
          ),
        );
      }
    }
    return out.length ? out : [pass(`${plural(files.length, 'per-agent catalog')} agree with openclaw.json`)];
  },
});
