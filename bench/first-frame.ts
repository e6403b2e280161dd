/**
 * Time to first frame of the interactive app, in a real terminal (tmux).
 *
 *   npx tsx bench/first-frame.ts [--runs N] [--json] [--tsx]
 *
 * For each run: a fresh tmux session starts the CLI with a temp HOME and no
 * servers to scan; capture-pane is polled every few ms. Milestones, from the
 * moment the session is asked to start:
 *   - first text: anything of ours on screen (the "starting…" line printed
 *     before Ink loads);
 *   - first frame: the app's own first frame (Ink mounted, header drawn);
 *   - menu: the home menu is there to use (config read).
 * A baseline run of `node -e` printing one line measures tmux + node start-up.
 * Uses the bundle (dist/cli.js) when present, unless --tsx. Medians; compare
 * only with runs on the same machine.
 */
import {median} from './timing.js';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({
  options: {
    runs: {type: 'string', default: '7'},
    json: {type: 'boolean', default: false},
    tsx: {type: 'boolean', default: false},
    /** Another launcher to time, e.g. an experimental bin entry. */
    cli: {type: 'string'},
  },
});
const runs = Number.parseInt(values.runs!, 10);
const TARGET_MS = 300;

if (spawnSync('tmux', ['-V']).status !== 0) {
  process.stderr.write('first-frame: tmux is not installed (apt-get install -y tmux)\n');
  if (values.json)
    process.stdout.write(JSON.stringify([{name: 'app first frame', note: 'skipped: tmux not installed'}]) + '\n');
  process.exit(values.json ? 0 : 2);
}

const useBundle = !values.tsx && existsSync(join(root, 'dist/cli.js'));
const cli = values.cli
  ? `node ${resolve(values.cli)}`
  : useBundle
    ? `node ${join(root, 'dist/cli.js')}`
    : `${join(root, 'node_modules/.bin/tsx')} ${join(root, 'src/cli.ts')}`;

const dir = mkdtempSync(join(tmpdir(), 'old-bench-ff-'));
const home = join(dir, 'home');
mkdirSync(join(home, '.openclaw'), {recursive: true});
writeFileSync(join(home, '.openclaw/openclaw.json'), '{\n  gateway: {mode: "local"},\n}\n');
const sock = join(dir, 'tmux.sock');
const tmux = (...args: string[]) => spawnSync('tmux', ['-S', sock, ...args], {encoding: 'utf8'});

interface Milestone {
  name: string;
  test: (screen: string) => boolean;
}

function timeRun(command: string, milestones: Milestone[], timeoutMs = 20_000): (number | undefined)[] {
  tmux('kill-server');
  const env = `env -u CI HOME=${home} OPENCLAW_CONFIG_PATH=${join(home, '.openclaw/openclaw.json')} OPENCLAW_LOCAL_DOCTOR_PORTS= TERM=xterm-256color`;
  const start = performance.now();
  tmux('new-session', '-d', '-s', 'b', '-x', '100', '-y', '30', `${env} timeout --foreground 30 ${command}; sleep 30`);
  const hit: (number | undefined)[] = milestones.map(() => undefined);
  while (hit.some((h) => h === undefined) && performance.now() - start < timeoutMs) {
    const screen = tmux('capture-pane', '-p', '-t', 'b').stdout ?? '';
    const now = performance.now() - start;
    milestones.forEach((m, i) => {
      if (hit[i] === undefined && m.test(screen)) hit[i] = now;
    });
  }
  tmux('kill-server');
  return hit;
}

const appMilestones: Milestone[] = [
  {name: 'first text', test: (s) => s.includes('openclaw-local-doctor')},
  {name: 'first frame', test: (s) => /Node \d/.test(s)},
  {name: 'menu ready', test: (s) => /❯ (Set up|Run the doctor)/.test(s)},
];

const progress = (s: string) => process.stderr.write(`first-frame: ${s}\n`);
const mode = values.cli ? values.cli : useBundle ? 'bundle' : 'tsx';
progress(`${runs} runs of ${mode} in tmux`);
// Warm-up (file cache, compile cache), not counted.
timeRun(cli, appMilestones);
const baseline: number[] = [];
const samples: number[][] = appMilestones.map(() => []);
for (let i = 0; i < runs; i++) {
  const [b] = timeRun(`node -e "process.stdout.write('ready-'+'baseline')"`, [
    {name: 'baseline', test: (s) => s.includes('ready-baseline')},
  ]);
  if (b !== undefined) baseline.push(b);
  const hits = timeRun(cli, appMilestones);
  hits.forEach((h, j) => h !== undefined && samples[j].push(h));
}
rmSync(dir, {recursive: true, force: true});

const rows = [
  {name: `tmux + bare node start-up (baseline)`, medianMs: median(baseline), runs: baseline.length},
  ...appMilestones.map((m, j) => ({
    name: `app ${m.name} (${mode})`,
    medianMs: samples[j].length ? median(samples[j]) : undefined,
    runs: samples[j].length,
    ...(m.name === 'first text' ? {targetMs: TARGET_MS} : {}),
    note: samples[j].length
      ? `min ${Math.min(...samples[j]).toFixed(0)} ms, max ${Math.max(...samples[j]).toFixed(0)} ms`
      : 'never appeared',
  })),
];
if (values.json) process.stdout.write(JSON.stringify(rows) + '\n');
else
  for (const r of rows)
    process.stdout.write(
      `${r.name.padEnd(44)} ${r.medianMs === undefined ? '—' : `${r.medianMs.toFixed(0)} ms`.padStart(8)}  ${'note' in r ? r.note : ''}\n`,
    );
