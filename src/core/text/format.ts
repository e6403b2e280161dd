/** Numbers as every report and screen writes them. No packages. */
/** 196608 → "196,608" (fixed locale so output is stable everywhere; rounded to a whole number). */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** GB (10^9 bytes) as the reports write it: 143 → "143 GB", 10.74 → "10.7 GB"; "? GB" for a missing figure. */
export function formatGB(gb: number): string {
  if (!Number.isFinite(gb)) return '? GB';
  return `${gb >= 100 ? Math.round(gb) : Math.round(gb * 10) / 10} GB`;
}
