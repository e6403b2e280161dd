/**
 * What `setup --stack exo` saw, so the doctor can tell later that a machine is
 * missing: the cluster's members and the nodes the model was placed on, per
 * provider. A file of our own next to openclaw.json
 * (openclaw-local-doctor.exo.json): OpenClaw's schema rejects unknown keys in
 * openclaw.json, and a provider's name is free text users change.
 */
import {mkdir, open, readFile, rename, stat} from 'node:fs/promises';
import {dirname, join} from 'node:path';

export const EXO_NOTE_NAME = 'openclaw-local-doctor.exo.json';
const MAX_BYTES = 256 * 1024;

export interface ExoNoteNode {
  id: string;
  name?: string;
}

export interface ExoNoteEntry {
  baseUrl: string;
  modelId: string;
  /** Every member of the cluster at setup. */
  nodes: ExoNoteNode[];
  /** The nodes the model's instance was placed on (the preview's choice). */
  placedOn: ExoNoteNode[];
  recordedAt: string;
}

export interface ExoNote {
  version: 1;
  providers: Record<string, ExoNoteEntry>;
}

export function exoNotePath(configPath: string): string {
  return join(dirname(configPath), EXO_NOTE_NAME);
}

function cleanNodes(v: unknown): ExoNoteNode[] {
  if (!Array.isArray(v)) return [];
  return v
    .slice(0, 256)
    .map((n) => {
      const o = n && typeof n === 'object' ? (n as Record<string, unknown>) : {};
      const id = typeof o.id === 'string' ? o.id.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 200) : '';
      const name =
        typeof o.name === 'string' ? o.name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 120) : undefined;
      return id ? {id, ...(name ? {name} : {})} : undefined;
    })
    .filter((x): x is ExoNoteNode => !!x);
}

/** The note, or undefined when there is none or it cannot be read (it is only a hint). */
export async function readExoNote(configPath: string): Promise<ExoNote | undefined> {
  const path = exoNotePath(configPath);
  try {
    if ((await stat(path)).size > MAX_BYTES) return undefined;
    const raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
    const providers = raw && typeof raw === 'object' ? (raw as {providers?: unknown}).providers : undefined;
    if (!providers || typeof providers !== 'object' || Array.isArray(providers)) return undefined;
    const out: ExoNote = {version: 1, providers: {}};
    for (const [id, e] of Object.entries(providers as Record<string, unknown>).slice(0, 64)) {
      const o = e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
      if (typeof o.baseUrl !== 'string' || typeof o.modelId !== 'string') continue;
      out.providers[id] = {
        baseUrl: o.baseUrl.slice(0, 500),
        modelId: o.modelId.slice(0, 300),
        nodes: cleanNodes(o.nodes),
        placedOn: cleanNodes(o.placedOn),
        recordedAt: typeof o.recordedAt === 'string' ? o.recordedAt.slice(0, 40) : '',
      };
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Adds or replaces one provider's entry; atomic (temp file + rename), mode 0600. */
export async function writeExoNote(configPath: string, providerId: string, entry: ExoNoteEntry): Promise<string> {
  const path = exoNotePath(configPath);
  const current = (await readExoNote(configPath)) ?? {version: 1, providers: {}};
  current.providers[providerId] = entry;
  await mkdir(dirname(path), {recursive: true, mode: 0o700});
  const tmp = `${path}.${process.pid}.tmp`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    await fh.writeFile(`${JSON.stringify(current, null, 2)}\n`);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  return path;
}
