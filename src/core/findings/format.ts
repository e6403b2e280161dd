/** Text helpers for finding messages: config paths and shell quoting. Pure. Numbers: src/core/text. */
export {fmt, plural} from '../text/format.js';

/** Dotted path as OpenClaw prints it: models.providers.lmstudio.models[0].contextWindow */
export function dotted(path: (string | number)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** Shell-quote one argument when needed (ids with spaces or quotes). */
export function shq(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
