#!/usr/bin/env node
// Builds the published package: one bundled ESM file with every runtime
// library inside (the package has no dependencies, so `npx` fetches a single
// tarball), plus a tiny entry that checks the Node version before loading it.
//
//   node scripts/build.mjs [--outdir DIR] [--metafile] [--no-minify]   (--no-minify: for profiling)
//
// Outputs DIR/openclaw-local-doctor.mjs (the bundle), DIR/cli.js (the bin) and
// DIR/THIRD_PARTY_LICENSES.txt (the licences of the bundled packages).
import {build} from 'esbuild';
import {chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({
  options: {outdir: {type: 'string'}, metafile: {type: 'boolean'}, 'no-minify': {type: 'boolean'}},
});
const outdir = resolve(values.outdir ?? join(root, 'dist'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// The lowest Node the bundle runs on: vite/rolldown-era dependencies and
// ink 6.8 need 20.19. OpenClaw itself needs 24.16, which we only report.
const MIN_NODE = (pkg.engines?.node ?? '>=20.19').replace(/^>=\s*/, '');
export const BUNDLE_NAME = 'openclaw-local-doctor.mjs';

// Three things esbuild needs for this dependency set (all found the hard way):
// 1. CJS dependencies (undici, systeminformation) call require(): give the
//    ESM bundle a real require via createRequire, and __filename/__dirname.
// 2. Ink statically imports react-devtools-core (an optional peer): alias it
//    to a stub, otherwise the bundle dies with ERR_MODULE_NOT_FOUND.
// 3. ESM output (yoga-layout uses top-level await) and NODE_ENV=production so
//    React loads its production build.
const banner = [
  "import {createRequire as __oldCreateRequire} from 'node:module';",
  "import {fileURLToPath as __oldFileURLToPath} from 'node:url';",
  "import {dirname as __oldDirname} from 'node:path';",
  'const require = __oldCreateRequire(import.meta.url);',
  'const __filename = __oldFileURLToPath(import.meta.url);',
  'const __dirname = __oldDirname(__filename);',
].join('\n');

// Ink's devtools module (and the `ws` client it pulls in) only loads when
// DEV=true, which the bundle defines away; keep that dead code out of the file.
const dropInkDevtools = {
  name: 'drop-ink-devtools',
  setup(b) {
    b.onResolve({filter: /^\.\/devtools\.js$/}, (args) =>
      /[\\/]node_modules[\\/]ink[\\/]/.test(args.importer)
        ? {path: join(root, 'scripts/stubs/react-devtools-core.mjs')}
        : undefined,
    );
  },
};

// zod re-exports all 60+ of its locales (a quarter of a megabyte) as
// `z.locales`; we only use English, which zod registers by itself. If code
// ever needs `z.locales.xx`, drop this plugin.
const englishZodOnly = {
  name: 'english-zod-only',
  setup(b) {
    b.onResolve({filter: /^\.\.\/locales\/index\.js$/}, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer)
        ? {path: join(dirname(args.importer), '../locales/en.js'), namespace: 'zod-en-only'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'zod-en-only'}, (args) => ({
      contents: `export {default as en} from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

// Our code takes only Agent and request from undici; its index pulls in all
// of undici (fetch, WebSocket, caches, mocks). Point our imports at a slim
// entry (scripts/stubs/undici-slim.cjs). A new undici import fails the build
// loudly ("No matching export"), and then belongs in that file.
const slimUndici = {
  name: 'slim-undici',
  setup(b) {
    b.onResolve({filter: /^undici$/}, (args) =>
      /[\\/]src[\\/]/.test(args.importer) ? {path: join(root, 'scripts/stubs/undici-slim.cjs')} : undefined,
    );
  },
};

mkdirSync(outdir, {recursive: true});
const started = Date.now();
const result = await build({
  absWorkingDir: root,
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(outdir, BUNDLE_NAME),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  minify: !values['no-minify'],
  legalComments: 'eof',
  banner: {js: banner},
  alias: {'react-devtools-core': join(root, 'scripts/stubs/react-devtools-core.mjs')},
  define: {
    'process.env.NODE_ENV': '"production"',
    'process.env.DEV': '"false"',
  },
  plugins: [dropInkDevtools, englishZodOnly, slimUndici],
  logLevel: 'warning',
  metafile: true,
});
if (values.metafile) writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
// Every command module must be inside the bundle, or a command fails at run time.
const inputs = new Set(Object.keys(result.metafile.inputs));
const missing = readdirSync(join(root, 'src/commands'))
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => `src/commands/${f}`)
  .filter((f) => !inputs.has(f));
if (missing.length) {
  process.stderr.write(`build: command modules missing from the bundle: ${missing.join(', ')}\n`);
  process.exit(1);
}

// Every bundled package's licence travels with the bundle (MIT and friends
// require the notice in copies): dist/THIRD_PARTY_LICENSES.txt.
function thirdPartyNotices(metafile) {
  const pkgDirs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /^(?:[^:]*:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) pkgDirs.add(resolve(root, m[1]));
  }
  const sections = [];
  for (const abs of [...pkgDirs].sort()) {
    const meta = JSON.parse(readFileSync(join(abs, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(abs).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    const author = typeof meta.author === 'string' ? meta.author : meta.author?.name;
    const text = licenceFile
      ? readFileSync(join(abs, licenceFile), 'utf8').trim()
      : `(the package ships no licence file; its package.json says ${meta.license ?? 'unknown'}${author ? `, author ${author}` : ''}${meta.homepage ? `, ${meta.homepage}` : ''})`;
    sections.push(`${meta.name}@${meta.version} (${meta.license ?? 'unknown'})\n${'-'.repeat(60)}\n${text}\n`);
  }
  return `openclaw-local-doctor bundles the following packages.\n\n${sections.join('\n')}`;
}
writeFileSync(join(outdir, 'THIRD_PARTY_LICENSES.txt'), thirdPartyNotices(result.metafile));

// The bin. It must parse and run on any old Node, so it is plain ES5 apart
// from the one dynamic import(), which only runs once the version is known to
// be good. It is ESM (package "type": "module") and imports the bundle.
const entry = `#!/usr/bin/env node
// openclaw-local-doctor ${pkg.version}: checks the Node version, then loads the bundle.
var VERSION = ${JSON.stringify(pkg.version)};
var MIN = ${JSON.stringify(MIN_NODE)};
var have = process.versions && process.versions.node ? process.versions.node : '0.0.0';
var args = process.argv.slice(2);
function tooOld(v, min) {
  var a = v.split('.'), b = min.split('.');
  for (var i = 0; i < 3; i++) {
    var x = parseInt(a[i] || '0', 10), y = parseInt(b[i] || '0', 10);
    if (x !== y) return x < y;
  }
  return false;
}
var startingShown = false;
function fail(err) {
  if (startingShown) process.stdout.write('\\n');
  process.stderr.write('openclaw-local-doctor: failed to start: ' + (err && err.message ? err.message : String(err)) + '\\n');
  process.exitCode = 2;
}
// Same rule as the app's own (src/commands/app.ts inCi).
function inCi(env) {
  if (env.CI !== undefined) return env.CI !== '0' && env.CI !== 'false';
  return Boolean(env.CONTINUOUS_INTEGRATION || env.BUILD_NUMBER || env.GITHUB_ACTIONS);
}
if (tooOld(have, MIN)) {
  process.stderr.write('openclaw-local-doctor needs Node \\u2265 ' + MIN + ' (OpenClaw itself needs \\u2265 24.16); you have ' + have + '\\n');
  process.exit(2);
} else if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  // Same answer as the bundle's --version, without loading 2 MB of JavaScript.
  process.stdout.write(VERSION + '\\n');
} else {
  if (args.length === 0 && process.stdin.isTTY && process.stdout.isTTY && !inCi(process.env)) {
    // The bare command on a terminal opens the app: show its "starting..." line now,
    // before 2 MB of JavaScript load, and tell the app (it checks this symbol) not to repeat it.
    process.stdout.write('openclaw-local-doctor ' + VERSION + ' \\u00b7 starting\\u2026');
    startingShown = true;
    globalThis[Symbol.for('openclaw-local-doctor.starting-shown')] = true;
  }
  // Node 22.1+ can cache compiled code between runs (honours NODE_DISABLE_COMPILE_CACHE).
  import('node:module').then(function (m) {
    try { if (m.enableCompileCache) m.enableCompileCache(); } catch (e) { /* a cache is only an optimisation */ }
    return import('./${BUNDLE_NAME}');
  }).catch(fail);
}
`;
const entryPath = join(outdir, 'cli.js');
writeFileSync(entryPath, entry);
chmodSync(entryPath, 0o755);

const size = readFileSync(join(outdir, BUNDLE_NAME)).length;
process.stderr.write(
  `built ${join(outdir, BUNDLE_NAME)} (${(size / 1024).toFixed(0)} KiB) and cli.js in ${Date.now() - started} ms\n`,
);
