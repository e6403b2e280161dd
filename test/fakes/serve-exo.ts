/**
 * Runs the fake exo cluster (exo.ts) as its own process, for trying the tool by hand:
 *
 *   node --import tsx test/fakes/serve-exo.ts [--port 0] [--nodes 2] [--unplaced] [--swap-gib N]
 *
 * --nodes 1..3 Mac Studios (512 GB M3 Ultra; a third has 256 GB), MiniMax M2.1 8-bit placed across all of them
 * unless --unplaced. The first stdout line is the origin. Runs until killed (or its stdin pipe closes).
 */
import {fstatSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {MINIMAX_8BIT, startExoFake, studio} from './exo.js';

const {values} = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: {type: 'string', default: '0'},
    nodes: {type: 'string', default: '2'},
    unplaced: {type: 'boolean'},
    'swap-gib': {type: 'string'},
  },
});
const count = Math.max(1, Math.min(3, Number(values.nodes) || 2));
const all = [
  studio('12D3KooWStudioA', 'Studio A', '169.254.10.1'),
  studio('12D3KooWStudioB', 'Studio B', '169.254.10.2'),
  {...studio('12D3KooWStudioC', 'Studio C', '169.254.10.3'), ramGiB: 256},
];
const nodes = all.slice(0, count);
if (values['swap-gib']) nodes[nodes.length - 1].swapUsedGiB = Number(values['swap-gib']);
const f = await startExoFake({
  nodes,
  port: Number(values.port) || 0,
  instances: values.unplaced ? [] : [{modelId: MINIMAX_8BIT.id, nodeIds: nodes.map((n) => n.id)}],
  placeDelayMs: 2000,
});
process.stdout.write(`${f.origin}\n`);
try {
  if (fstatSync(0).isFIFO()) process.stdin.on('end', () => process.exit(0)).resume();
} catch {
  /* no stdin */
}
