/**
 * The layering of ARCHITECTURE.md, enforced: every import in src/ (static,
 * type-only and dynamic) is checked against the rules, and the bundler's own
 * view (an esbuild metafile) confirms the headless commands never load Ink.
 * Fast and offline: reads files and runs esbuild in memory.
 */
import {fileURLToPath} from 'node:url';
import {build, type Metafile} from 'esbuild';
import {describe, expect, it} from 'vitest';
import {checkLayers, describeViolation, type Edge, importGraph, layerOf, scanImports} from './imports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the import graph of src/ follows ARCHITECTURE.md', () => {
  const edges = importGraph(ROOT);

  it('finds the imports (sanity: the scanner sees static, type and dynamic ones)', () => {
    expect(edges.length).toBeGreaterThan(400);
    expect(edges.some((e) => e.kind === 'type')).toBe(true);
    expect(edges.filter((e) => e.kind === 'dynamic').map((e) => `${e.from} → ${e.to}`)).toContain(
      'src/commands/app.ts → src/ui/run.tsx',
    );
  });

  it('breaks no layering rule', () => {
    expect(checkLayers(edges).map(describeViolation)).toEqual([]);
  });

  it('src/core imports only src/core (the shims at the old type paths point into core, never back)', () => {
    const out = edges.filter((e) => layerOf(e.from) === 'core' && e.internal && layerOf(e.to) !== 'core');
    expect(out.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });
});

describe('scanImports', () => {
  it('reads value, type-only, re-export, side-effect and dynamic imports, over several lines', () => {
    const code = [
      "import {a, b} from './a.js';",
      "import type {T} from './t.js';",
      "import {type U, type V} from './u.js';",
      "import {type W, x} from './w.js';",
      'import {',
      '  y,',
      '  z,',
      "} from './multi.js';",
      "export * from './re.js';",
      "export type {X} from './xt.js';",
      "import './side.js';",
      "const m = await import('./dyn.js');",
      "type M = typeof import('./typed.js');",
    ].join('\n');
    expect(scanImports(code).map((r) => `${r.spec} ${r.kind} ${r.line}`)).toEqual([
      './a.js value 1',
      './t.js type 2',
      './u.js type 3',
      './w.js value 4',
      './multi.js value 8',
      './re.js value 9',
      './xt.js type 10',
      './side.js value 11',
      './dyn.js dynamic 12',
      './typed.js type 13',
    ]);
  });

  it('does not take imports from comments, strings, templates or regex literals', () => {
    const code = [
      "// import('../ui/run.js') is how the app starts",
      "/* import {x} from 'node:fs'; */",
      'const s = "import {x} from \'react\'";',
      "const t = `import('ink') ${'}'} from 'undici'`;",
      "const r = /from '(ink)'/;",
      "const q = a / b; const after = 'from \\'x\\'';",
      "import {real} from './real.js';",
    ].join('\n');
    expect(scanImports(code).map((r) => r.spec)).toEqual(['./real.js']);
  });
});

describe('checkLayers catches each kind of violation (a synthetic graph)', () => {
  const edge = (from: string, to: string, kind: Edge['kind'] = 'value'): Edge => ({
    from,
    to,
    kind,
    line: 1,
    internal: to.startsWith('src/'),
  });
  const rulesFor = (e: Edge) => checkLayers([e]).map((v) => v.rule);

  it.each([
    ['core → node:fs', edge('src/core/x.ts', 'node:fs')],
    ['core → a config type', edge('src/core/x.ts', 'src/config/types.ts', 'type')],
    ['core → servers, dynamically', edge('src/core/x.ts', 'src/servers/index.ts', 'dynamic')],
    ['core → react', edge('src/core/x.ts', 'react')],
    ['core → undici', edge('src/core/x.ts', 'undici')],
    ['core → systeminformation', edge('src/core/x.ts', 'systeminformation')],
    ['core → the doctor', edge('src/core/x.ts', 'src/doctor/index.ts')],
    ['servers → config', edge('src/servers/x.ts', 'src/config/index.ts')],
    ['config → servers', edge('src/config/x.ts', 'src/servers/index.ts')],
    ['hardware → the doctor', edge('src/hardware/x.ts', 'src/doctor/context.ts')],
    ['an adapter → the UI', edge('src/process/x.ts', 'src/ui/format.ts', 'type')],
    ['the doctor → a command', edge('src/doctor/x.ts', 'src/commands/doctor.ts')],
    ['a use case → the UI', edge('src/app/x.ts', 'src/ui/services.ts', 'type')],
    ['a screen → the config engine', edge('src/ui/screens/Home.tsx', 'src/config/read.ts')],
    ['a screen → the config engine, dynamically', edge('src/ui/screens/Home.tsx', 'src/config/read.ts', 'dynamic')],
    ['a screen → node:fs', edge('src/ui/screens/Home.tsx', 'node:fs')],
    ['state → the doctor runner', edge('src/ui/state/doctor.ts', 'src/doctor/runner.ts')],
    ['a command → the UI, statically', edge('src/commands/setup.ts', 'src/ui/run.tsx')],
    ['a command → ink', edge('src/commands/app.ts', 'ink')],
    ['the doctor → react', edge('src/doctor/render.ts', 'react')],
  ])('%s is a violation', (_name, e) => {
    expect(rulesFor(e)).not.toEqual([]);
  });

  it.each([
    ['core → core', edge('src/core/a.ts', 'src/core/types/config.ts')],
    ['core → wrap-ansi (text measuring)', edge('src/core/text/wrap.ts', 'wrap-ansi')],
    ['config → core', edge('src/config/read.ts', 'src/core/types/config.ts')],
    ['config → process', edge('src/config/openclaw.ts', 'src/process/run-command.ts')],
    ['config → json5', edge('src/config/read.ts', 'json5')],
    ['hardware → process', edge('src/hardware/detect.ts', 'src/process/run-command.ts')],
    ['servers → undici', edge('src/servers/http.ts', 'undici')],
    ['the doctor → every adapter', edge('src/doctor/context.ts', 'src/servers/index.ts')],
    ['a use case → the doctor', edge('src/app/snapshot.ts', 'src/doctor/index.ts')],
    ['a screen → a doctor type', edge('src/ui/screens/Doctor.tsx', 'src/doctor/types.ts', 'type')],
    ['a screen → core', edge('src/ui/screens/Home.tsx', 'src/core/config-view.ts')],
    ['a screen → ink', edge('src/ui/screens/Home.tsx', 'ink')],
    ['the composition root → the config engine', edge('src/ui/real-services.ts', 'src/config/read.ts', 'dynamic')],
    ['a command → the UI by import()', edge('src/commands/app.ts', 'src/ui/run.tsx', 'dynamic')],
    ['a command → a UI type', edge('src/commands/app.ts', 'src/ui/services.ts', 'type')],
    ['the CLI → a command', edge('src/cli/main.ts', 'src/commands/doctor.ts', 'dynamic')],
  ])('%s is allowed', (_name, e) => {
    expect(rulesFor(e)).toEqual([]);
  });
});

/** Files reached from `entry` by static imports only, as the bundler sees them (dynamic imports are not followed). */
async function staticClosure(entry: string): Promise<{files: string[]; packages: string[]}> {
  const r = await build({
    entryPoints: [fileURLToPath(new URL(`../../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: ROOT,
  });
  const inputs: Metafile['inputs'] = r.metafile.inputs;
  const seen = new Set<string>([entry]);
  const packages = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement' && imp.kind !== 'require-call') continue;
      if (imp.external) packages.add(imp.path);
      else if (!seen.has(imp.path)) {
        seen.add(imp.path);
        queue.push(imp.path);
      }
    }
  }
  return {files: [...seen], packages: [...packages]};
}

const INK = /^(ink|ink-[\w-]+|react|react-[\w-]+|yoga-layout)(\/|$)/;

describe('the bundler agrees: headless paths never load Ink', () => {
  it.each([
    'src/cli.ts',
    'src/cli/main.ts',
    'src/commands/app.ts',
    'src/commands/setup.ts',
    'src/commands/config-path.ts',
    'src/commands/config-check.ts',
    'src/commands/hardware.ts',
    'src/commands/servers.ts',
    'src/commands/doctor.ts',
    'src/commands/explain.ts',
  ])('%s reaches no src/ui file and no ink/react by static imports', async (entry) => {
    const {files, packages} = await staticClosure(entry);
    expect(files.filter((f) => f.startsWith('src/ui/'))).toEqual([]);
    expect(packages.filter((p) => INK.test(p))).toEqual([]);
  });

  it('the interactive entry does reach Ink (the check can fail)', async () => {
    const {packages} = await staticClosure('src/ui/run.tsx');
    expect(packages.some((p) => INK.test(p))).toBe(true);
  });

  it('ui/format.ts (the first frame) loads neither the HTTP clients nor undici', async () => {
    const {files, packages} = await staticClosure('src/ui/format.ts');
    expect(files).toContain('src/core/server-kinds.ts');
    expect(files.filter((f) => f === 'src/servers/index.ts')).toEqual([]);
    expect(packages.filter((p) => p.startsWith('undici'))).toEqual([]);
  });
});
