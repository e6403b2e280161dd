/**
 * Speeds the rehearsal measured, per model, so the next estimate can say "measured N tok/s on this machine on
 * <date>". Our state dir only (never openclaw.json); at most 64 models; every entry is range-checked on read.
 */
import {readState, writeState} from './state.js';

export const MEASURED_FILE = 'measured-speeds.json';
const MAX_ENTRIES = 64;

export interface MeasuredSpeed {
  /** provider/model, as OpenClaw refers to it. */
  model: string;
  decodeTokensPerSecond?: number;
  prefillTokensPerSecond?: number;
  ttftMs?: number;
  loadMs?: number;
  /** ISO date-time of the measurement. */
  at: string;
}

const rate = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 1e7 ? v : undefined;
const ms = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e8 ? v : undefined;

function parse(e: unknown): MeasuredSpeed | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return undefined;
  const o = e as Record<string, unknown>;
  if (typeof o.model !== 'string' || !o.model || o.model.length > 300) return undefined;
  if (typeof o.at !== 'string' || Number.isNaN(Date.parse(o.at))) return undefined;
  const out: MeasuredSpeed = {model: o.model, at: new Date(Date.parse(o.at)).toISOString()};
  const d = rate(o.decodeTokensPerSecond);
  const p = rate(o.prefillTokensPerSecond);
  const t = ms(o.ttftMs);
  const l = ms(o.loadMs);
  if (d !== undefined) out.decodeTokensPerSecond = d;
  if (p !== undefined) out.prefillTokensPerSecond = p;
  if (t !== undefined) out.ttftMs = t;
  if (l !== undefined) out.loadMs = l;
  return out.decodeTokensPerSecond !== undefined || out.prefillTokensPerSecond !== undefined ? out : undefined;
}

export function readMeasuredSpeeds(env: NodeJS.ProcessEnv): MeasuredSpeed[] {
  const raw = readState(env, MEASURED_FILE) as {schemaVersion?: unknown; entries?: unknown} | undefined;
  if (!raw || typeof raw !== 'object' || raw.schemaVersion !== 1 || !Array.isArray(raw.entries)) return [];
  return raw.entries
    .slice(0, MAX_ENTRIES)
    .map(parse)
    .filter((e): e is MeasuredSpeed => e !== undefined);
}

/** The latest measurement of a model (its provider/model ref), if any. */
export function measuredSpeedFor(env: NodeJS.ProcessEnv, model: string): MeasuredSpeed | undefined {
  return readMeasuredSpeeds(env).find((e) => e.model === model);
}

export function recordMeasuredSpeed(env: NodeJS.ProcessEnv, entry: MeasuredSpeed): boolean {
  const clean = parse(entry);
  if (!clean) return false;
  const rest = readMeasuredSpeeds(env).filter((e) => e.model !== clean.model);
  return writeState(env, MEASURED_FILE, {schemaVersion: 1, entries: [clean, ...rest].slice(0, MAX_ENTRIES)});
}

/** "measured 31.2 tok/s on this machine on 2026-12-07" */
export function measuredPhrase(m: MeasuredSpeed): string | undefined {
  if (m.decodeTokensPerSecond === undefined) return undefined;
  return `measured ${m.decodeTokensPerSecond} tok/s on this machine on ${m.at.slice(0, 10)}`;
}
