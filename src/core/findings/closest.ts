/** Closest served ids to a configured one (typos, case, tags, publishers). Pure. */

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array(b.length + 1).fill(0).map((_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const norm = (s: string): string => s.toLowerCase().replace(/:latest$/, '');
const tail = (s: string): string => norm(s).split('/').pop() ?? '';

/**
 * Served ids that are probably what the user meant, best first (at most `limit`).
 * `exact` is set when one id is the same model under a harmless difference
 * (case, Ollama's implied :latest, a publisher prefix).
 */
export function closestIds(wanted: string, served: string[], limit = 3): {ids: string[]; exact?: string} {
  const w = norm(wanted);
  const same = served.filter((s) => norm(s) === w);
  const sameTail = served.filter((s) => tail(s) === tail(wanted));
  const exact = same.length === 1 ? same[0] : same.length === 0 && sameTail.length === 1 ? sameTail[0] : undefined;
  const scored = served
    .map((s) => {
      const n = norm(s);
      let score = levenshtein(w, n) / Math.max(w.length, n.length, 1);
      if (n.includes(w) || w.includes(n)) score -= 0.3;
      if (tail(s) === tail(wanted)) score -= 0.5;
      return {s, score};
    })
    .filter((x) => x.score < 0.6)
    .sort((a, b) => a.score - b.score || a.s.localeCompare(b.s));
  return {ids: scored.slice(0, limit).map((x) => x.s), exact};
}
