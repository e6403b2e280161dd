/** A check's status change said in words. Pure. */
type Status = 'pass' | 'warn' | 'fail' | 'skip' | 'crashed';

const STATUS_WORD: Record<Status, string> = {
  pass: 'passing',
  warn: 'a warning',
  fail: 'failing',
  skip: 'skipped',
  crashed: 'crashed',
};
const RANK: Record<Status, number> = {pass: 0, skip: 0, warn: 1, fail: 2, crashed: 2};

/** A change said in words: "fixed (was failing, now passing)", "no longer reported (was a warning)". */
export function changeInWords(c: {before?: Status; after?: Status}): string {
  const {before, after} = c;
  if (!before && after) return `new: ${STATUS_WORD[after]}`;
  if (before && !after) return `no longer reported (was ${STATUS_WORD[before]})`;
  if (!before || !after) return 'unchanged';
  const was = `was ${STATUS_WORD[before]}, now ${STATUS_WORD[after]}`;
  if (after === 'pass' && RANK[before] > 0) return `fixed (${was})`;
  if (RANK[after] < RANK[before]) return `better (${was})`;
  if (RANK[after] > RANK[before]) return `worse (${was})`;
  return was;
}
