/**
 * The app's exo set-up records the cluster for the doctor (openclaw-local-doctor.exo.json) as `setup --stack exo`
 * does: through the same step (app/setup exoNoteEntry + recordExoNote), once the config is written. Real services,
 * a real temp config, a fake exo cluster on port 0.
 */
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {memoryIo} from '../../src/cli/io.js';
import {EXO_NOTE_NAME, readExoNote} from '../../src/config/exo-note.js';
import {realServices} from '../../src/ui/real-services.js';
import {MINIMAX_8BIT, startExoFake, twoStudios, type ExoFake} from '../fakes/exo.js';

const open: ExoFake[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, {recursive: true, force: true})));
});

async function appSetup(dryRun: boolean) {
  const exo = await startExoFake(twoStudios());
  open.push(exo);
  const home = await mkdtemp(path.join(os.tmpdir(), 'ocld-exo-app-note-'));
  dirs.push(home);
  await mkdir(path.join(home, '.openclaw'));
  const configPath = path.join(home, '.openclaw', 'openclaw.json');
  await writeFile(configPath, '{\n  gateway: {mode: "local"},\n}\n');
  const env = {HOME: home, USERPROFILE: home, OPENCLAW_CONFIG_PATH: configPath};
  const io = memoryIo({env, now: () => new Date('2026-12-07T05:00:00Z')});
  const services = realServices({io, global: {color: false, json: false}, values: {}, args: []});
  const snap = await services.loadConfig();
  const {plan, newText} = await services.setupText('exo', snap.loaded, {baseUrl: exo.v1, model: MINIMAX_8BIT.id});
  expect(plan.providerId).toBe('exo');
  const proposal = await services.propose(snap.loaded, newText, 'exo');
  if (!dryRun) await services.commit(proposal);
  return {exo, configPath, home};
}

describe("the app's exo set-up", () => {
  it('writes the cluster note next to the config, with both members and the nodes the model runs on', async () => {
    const {exo, configPath} = await appSetup(false);
    expect(await readFile(configPath, 'utf8')).toContain(MINIMAX_8BIT.id);
    const note = await readExoNote(configPath);
    expect(note?.providers.exo).toMatchObject({
      baseUrl: exo.origin,
      modelId: MINIMAX_8BIT.id,
      nodes: [
        {id: '12D3KooWStudioA', name: 'Studio A'},
        {id: '12D3KooWStudioB', name: 'Studio B'},
      ],
      placedOn: [
        {id: '12D3KooWStudioA', name: 'Studio A'},
        {id: '12D3KooWStudioB', name: 'Studio B'},
      ],
      recordedAt: '2026-12-07T05:00:00.000Z',
    });
  });

  it('writes no note when the change is not committed', async () => {
    const {configPath} = await appSetup(true);
    await expect(readFile(path.join(path.dirname(configPath), EXO_NOTE_NAME), 'utf8')).rejects.toThrow(/ENOENT/);
  });
});
