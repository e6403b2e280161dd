/**
 * Runs one fake server as its own process, for end-to-end tests and benchmarks:
 *
 *   npx tsx test/fakes/serve.ts lmstudio --port 0 --model minimax-m2.1-gs32:196608 [--unloaded]
 *
 * The first stdout line is the origin (http://127.0.0.1:PORT). Runs until killed.
 * `--model ID[:CTX]` may repeat; CTX is the loaded context (or the context a
 * cold load gets, with --unloaded). A model says it is trained for tool use
 * when real servers say so for its family (MiniMax M2.1, Qwen 3, ...: see
 * knownToolUse); --tools or --no-tools says it for every --model. Other flags: --api-key K, --version V,
 * --no-responses, --first-token-delay-ms N, --context-error-at N, --router,
 * --loading, --hang, --garbage, --huge-body, --redirect-to URL.
 *
 * Stopping it: `npx tsx` is three processes (npm, tsx, node) and killing the
 * first one leaves the others running. Either spawn `node --import tsx
 * test/fakes/serve.ts ...` (one process), or spawn with `detached: true` and
 * kill the group (`process.kill(-child.pid)`). As a safety net the server also
 * exits when its stdin is a pipe and that pipe closes (its parent went away).
 */
import {fstatSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {knownToolUse} from './defaults.js';
import {FAKE_KINDS, startFake, type FakeKind, type FakeModel, type FakeOptions} from './index.js';

function parseModel(spec: string, unloaded: boolean, tools: boolean | undefined): FakeModel {
  const m = /^(.*):(\d+)$/.exec(spec);
  const id = m ? m[1] : spec;
  const model: FakeModel = {id, loaded: !unloaded, toolUse: tools ?? knownToolUse(id)};
  if (m) model.loadedContext = Number(m[2]);
  return model;
}

async function main(): Promise<void> {
  const {values, positionals} = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      port: {type: 'string', default: '0'},
      model: {type: 'string', multiple: true},
      unloaded: {type: 'boolean'},
      tools: {type: 'boolean'},
      'no-tools': {type: 'boolean'},
      'api-key': {type: 'string'},
      version: {type: 'string'},
      'no-responses': {type: 'boolean'},
      'first-token-delay-ms': {type: 'string'},
      'context-error-at': {type: 'string'},
      router: {type: 'boolean'},
      loading: {type: 'boolean'},
      hang: {type: 'boolean'},
      garbage: {type: 'boolean'},
      'huge-body': {type: 'boolean'},
      'redirect-to': {type: 'string'},
    },
  });
  const kind = positionals[0] as FakeKind | undefined;
  if (!kind || !FAKE_KINDS.includes(kind)) {
    process.stderr.write(`usage: serve.ts <${FAKE_KINDS.join('|')}> [--port N] [--model ID[:CTX]] [--unloaded] ...\n`);
    process.exit(2);
  }
  const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
  const opts: FakeOptions = {
    port: Number(values.port),
    apiKey: values['api-key'],
    version: values.version,
    responses: values['no-responses'] ? false : undefined,
    firstTokenDelayMs: num(values['first-token-delay-ms']),
    contextErrorAt: num(values['context-error-at']),
    router: values.router,
    loading: values.loading,
    hang: values.hang,
    garbage: values.garbage,
    hugeBody: values['huge-body'],
    redirectTo: values['redirect-to'],
  };
  if (values.model?.length)
    opts.models = values.model.map((s) =>
      parseModel(s, values.unloaded === true, values.tools ? true : values['no-tools'] ? false : undefined),
    );
  const fake = await startFake(kind, opts);
  process.stdout.write(`${fake.origin}\n`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', stop);
  let stdinIsPipe = false;
  try {
    const st = fstatSync(0);
    stdinIsPipe = st.isFIFO() || st.isSocket();
  } catch {
    // no stdin at all
  }
  if (stdinIsPipe) {
    process.stdin.on('end', stop);
    process.stdin.on('error', stop);
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`serve.ts: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
