import {UsageError} from './errors.js';

import {fmt} from '../core/findings/format.js';

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

/** Reads an integer flag; bad input is a UsageError naming the flag. */
export function intFlag(values: FlagValues, name: string, opts: {min?: number; max?: number} = {}): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\s*\d[\d_,]*\s*$/.test(raw)) {
    throw new UsageError(`--${name} expects a whole number, got ${JSON.stringify(raw)}`);
  }
  const n = Number(raw.replace(/[_,\s]/g, ''));
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is out of range: ${raw}`);
  if (opts.min !== undefined && n < opts.min)
    throw new UsageError(`--${name} must be at least ${fmt(opts.min)}, got ${fmt(n)}`);
  if (opts.max !== undefined && n > opts.max)
    throw new UsageError(`--${name} must be at most ${fmt(opts.max)}, got ${fmt(n)}`);
  return n;
}

/** Reads a decimal number flag (e.g. --model-size-gb 143.5). */
export function numberFlag(
  values: FlagValues,
  name: string,
  opts: {min?: number; max?: number} = {},
): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} expects a number, got ${JSON.stringify(raw)}`);
  if (opts.min !== undefined && n < opts.min) throw new UsageError(`--${name} must be at least ${opts.min}, got ${n}`);
  if (opts.max !== undefined && n > opts.max) throw new UsageError(`--${name} must be at most ${opts.max}, got ${n}`);
  return n;
}

export function stringFlag(values: FlagValues, name: string): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw new UsageError(`--${name} expects a value`);
  if (raw.trim() === '') throw new UsageError(`--${name} must not be empty`);
  return raw;
}

export function listFlag(values: FlagValues, name: string): string[] {
  const raw = values[name];
  if (raw === undefined) return [];
  const items = Array.isArray(raw) ? raw : [String(raw)];
  return items
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

export function choiceFlag<T extends string>(values: FlagValues, name: string, choices: readonly T[]): T | undefined {
  const raw = stringFlag(values, name);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new UsageError(`--${name} must be one of ${choices.join(', ')}; got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}
