/** The guide's safety points: compaction, quantization, hosted fallbacks, exposure. */
import {matchModel} from '../../core/hardware.js';
import {isCloudModel, quantInfo} from '../../core/findings/quantization.js';
import {startCommand, portOf} from '../../core/findings/server-commands.js';
import {getAt, splitModelRef, type PatchOp} from '../../config/index.js';
import {HOSTED_DEFAULT} from '../../core/stacks.js';
import {resolveRef} from '../../core/config-view.js';
import {fmt} from '../../core/findings/format.js';
import type {Fix} from '../types.js';
import {
  defineCheck,
  findServed,
  noViewSkip,
  pass,
  probedProviders,
  providerIsLocal,
  serverBudget,
  serverState,
  skip,
  usedRefs,
  warn,
  type Finding,
} from '../define.js';

export const safetyCompaction = defineCheck({
  id: 'safety.compaction',
  title: 'Compaction is on',
  group: 'safety',
  detect(ctx) {
    if (!ctx.view) return [noViewSkip(ctx)];
    const c = ctx.view.compaction;
    if (c?.enabled === false) {
      return [
        warn(
          'agents.defaults.compaction.enabled is false: long sessions grow until they overflow the (local, smaller) context instead of being summarised',
          {
            path: 'agents.defaults.compaction.enabled',
            fix: {
              kind: 'config',
              description: 'turn compaction on',
              patch: [{op: 'set', path: ['agents', 'defaults', 'compaction', 'enabled'], value: true}],
            },
          },
        ),
      ];
    }
    return [pass(`compaction is on${c?.mode ? ` (mode "${c.mode}")` : ' (default)'}`)];
  },
});

export const safetyQuantization = defineCheck({
  id: 'safety.quantization',
  title: 'Local model is not aggressively quantized',
  group: 'safety',
  budgetMs: serverBudget,
  async detect(ctx) {
    if (!ctx.view) return [noViewSkip(ctx)];
    const v = ctx.view;
    const out: Finding[] = [];
    for (const ref of usedRefs(ctx)) {
      const split = splitModelRef(ref);
      const hit = split ? resolveRef(v, split) : undefined;
      if (!split || !hit?.provider.isLocal || isCloudModel(split.model)) continue;
      let serverQuant: string | undefined;
      if (hit.provider.baseUrl && probedProviders(ctx).includes(hit.provider)) {
        const s = await serverState(ctx, hit.provider);
        serverQuant = findServed(s, split.model).served?.quantization;
      }
      let bits: number | undefined;
      let small = false;
      let buildLabel: string | undefined;
      let guessed = false;
      try {
        const match = matchModel(ref);
        if (match && match.confidence !== 'default-build') {
          bits = match.build.bitsPerWeight;
          small = match.model.small;
          buildLabel = match.build.label;
          guessed = match.confidence !== 'exact';
        }
      } catch {
        // catalog unavailable: fall back to what the id and server say
      }
      const q = quantInfo(split.model, serverQuant, bits);
      const isSmall = small || q.small;
      const at = {
        provider: split.provider,
        model: split.model,
        evidence: {bits: q.bits ?? null, quantization: q.label ?? null, paramsB: q.paramsB ?? null},
      };
      if (q.aggressive || isSmall) {
        const why = [
          q.aggressive ? `${q.bits}-bit quantization${q.label ? ` (${q.label})` : ''}` : '',
          isSmall ? `a small checkpoint${q.paramsB ? ` (${q.paramsB}B)` : ''}` : '',
        ]
          .filter(Boolean)
          .join(' and ');
        out.push(
          warn(
            `"${ref}" is ${why}: such models follow instructions less reliably, so prompt injection (web pages, mail, group chats) is more likely to work; keep risky tools off or sandboxed, or use ${[q.aggressive ? 'a ≥4-bit build' : '', isSmall ? 'a larger model' : ''].filter(Boolean).join(' or ')}`,
            at,
          ),
        );
      } else {
        // Say where the number comes from: the catalog's effective bits per weight, the server, or the id.
        const source =
          bits !== undefined
            ? `${buildLabel ?? 'catalog build'}, ${guessed ? 'guessed from the id' : 'from the id'}`
            : serverQuant
              ? `${serverQuant}, as the server reports`
              : q.label
                ? `${q.label}, from the id`
                : '';
        out.push(
          pass(
            q.bits
              ? `"${ref}" at about ${fmt(q.bits)} bits per weight (${source})`
              : `"${ref}": quantization unknown (neither the id nor the server says)`,
            at,
          ),
        );
      }
    }
    return out.length ? out : [skip('no local model in use')];
  },
});

export const safetyFallbacks = defineCheck({
  id: 'safety.fallbacks',
  title: 'A hosted fallback backs the local model',
  group: 'safety',
  detect(ctx) {
    if (!ctx.view) return [noViewSkip(ctx)];
    const v = ctx.view;
    if (!v.primary) return [skip('no primary model configured')];
    const local = (ref: string) => providerIsLocal(ctx, ref) === true && !isCloudModel(ref);
    if (!local(v.primary)) return [pass(`primary "${v.primary}" is hosted`)];
    const hosted = v.fallbacks.filter((r) => !local(r));
    if (hosted.length === 0) {
      // Local-only is a legitimate (privacy) choice: a hosted model is offered, and written only when the user asks
      // (doctor --add-fallback REF, or yes in the app), never by --fix --yes alone (issue 11).
      const asked = ctx.options.addFallback;
      const offer = hostedFallbackFix(ctx.loaded.value, v.primary, v.allow, asked ?? HOSTED_DEFAULT.ref);
      return [
        warn(
          `local primary "${v.primary}" has no hosted fallback${v.fallbacks.length ? ` (fallbacks ${v.fallbacks.map((f) => `"${f}"`).join(', ')} are local too)` : ''}: when the local server is down, busy loading or overflowing, every request fails${asked ? '' : '; fine if you keep everything local on purpose'}`,
          {
            path: 'agents.defaults.model.fallbacks',
            severity: asked ? 'warning' : 'info',
            evidence: {fallbacks: v.fallbacks.length, hosted: 0},
            fix: asked ? offer : undefined,
            alternatives: asked
              ? undefined
              : [
                  {
                    ...offer,
                    description: `if you want one: ${offer.description}; --fix adds it only with --add-fallback ${HOSTED_DEFAULT.ref}`,
                  },
                ],
          },
        ),
      ];
    }
    return [
      pass(`local primary "${v.primary}" falls back to ${hosted.map((h) => `"${h}"`).join(', ')}`, {
        evidence: {fallbacks: v.fallbacks.length, hosted: hosted.length},
      }),
    ];
  },
});

/**
 * Adds the stacks' hosted default after the existing fallbacks and keeps the
 * local primary (a `model` string becomes {primary, fallbacks}). The key is
 * OpenClaw's business (env var or auth profile), never written here.
 */
export function hostedFallbackFix(
  raw: unknown,
  primary: string,
  allow: string[],
  ref: string = HOSTED_DEFAULT.ref,
): Fix {
  const modelPath = ['agents', 'defaults', 'model'];
  const current = getAt(raw, modelPath);
  const patch: PatchOp[] =
    typeof current === 'string'
      ? [{op: 'set', path: modelPath, value: {primary, fallbacks: [ref]}}]
      : [{op: 'append-unique', path: [...modelPath, 'fallbacks'], value: ref}];
  // A non-empty allowlist would refuse the new fallback ("model not allowed").
  if (allow.length > 0 && !allow.includes(ref))
    patch.push({op: 'append-unique', path: ['agents', 'defaults', 'modelPolicy', 'allow'], value: ref});
  return {
    kind: 'config',
    description: `add ${ref} as a hosted fallback after the local primary (${
      ref === HOSTED_DEFAULT.ref
        ? `OpenClaw needs ${HOSTED_DEFAULT.keyEnv} or an Anthropic auth profile for it`
        : `OpenClaw needs that provider's key or auth profile`
    })`,
    patch,
  };
}

function isLoopbackHost(baseUrl: string): boolean | undefined {
  try {
    const h = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '');
    return h === 'localhost' || h.endsWith('.localhost') || /^127\./.test(h) || h === '::1';
  } catch {
    return undefined;
  }
}

export const safetyExposure = defineCheck({
  id: 'safety.exposure',
  title: 'Local server is not open to the network without a key',
  group: 'safety',
  budgetMs: serverBudget,
  async detect(ctx) {
    if (!ctx.view) return [noViewSkip(ctx)];
    const provs = probedProviders(ctx).filter((p) => p.isLocal);
    if (provs.length === 0) return [skip('no local provider with a baseUrl')];
    const out: Finding[] = [];
    for (const p of provs) {
      const loop = isLoopbackHost(p.baseUrl!);
      if (loop !== false) {
        out.push(
          pass(`${p.baseUrl} is loopback (make sure the server itself binds 127.0.0.1 unless you need LAN access)`, {
            provider: p.id,
          }),
        );
        continue;
      }
      const s = await serverState(ctx, p);
      if (!s.report) {
        out.push(skip(`${p.baseUrl} is not reachable (see server.reachable)`, {provider: p.id}));
        continue;
      }
      if (!p.hasApiKey && !s.report.modelsError) {
        const cmd =
          s.kind === 'ollama'
            ? 'OLLAMA_HOST=127.0.0.1:11434 ollama serve   # or put it behind an authenticating proxy'
            : s.kind === 'vllm'
              ? `vllm serve <model> --api-key <key>${portOf(p.baseUrl) ? ` --port ${portOf(p.baseUrl)}` : ''}`
              : s.kind === 'llamacpp'
                ? 'llama-server … --api-key <key>'
                : s.kind === 'lmstudio'
                  ? undefined
                  : startCommand(s.kind, portOf(p.baseUrl));
        out.push(
          warn(
            `${s.label} at ${p.baseUrl} answers over the network without an API key: anyone on that network can use (and, on some servers, load or delete) models`,
            {
              provider: p.id,
              fix: {
                kind: 'command',
                description:
                  s.kind === 'lmstudio'
                    ? 'LM Studio: Developer → Server Settings → Require Authentication, then set the provider apiKey'
                    : 'bind the server to loopback or require a key',
                command: cmd,
              },
            },
          ),
        );
      } else {
        const enforced = s.report.fingerprint.authRequired || s.report.modelsError?.kind === 'auth';
        out.push(
          pass(
            enforced
              ? `${p.baseUrl} is on the network and the server asks for a key`
              : `${p.baseUrl} is on the network; the provider sends a key (whether the server enforces it was not checked)`,
            {provider: p.id},
          ),
        );
      }
    }
    return out;
  },
});
