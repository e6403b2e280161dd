/** Colour: one rule for when, one way to paint. No packages, so the CLI's entry can use it cheaply. */
/**
 * Whether colour is wanted at all: not with --no-color, NO_COLOR (any
 * non-empty value, no-color.org) or FORCE_COLOR=0. A command also needs a
 * terminal to colour its output: see `paint`.
 */
export function colorEnabled(noColorFlag: boolean, env: Record<string, string | undefined>): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.FORCE_COLOR !== '0';
}

const SGR = {bold: 1, dim: 2, red: 31, green: 32, yellow: 33, magenta: 35, gray: 90} as const;
export type Colour = keyof typeof SGR;

/** Colour functions that are the identity when `on` is false: `paint(color).green('✔')`. */
export function paint(on: boolean): Record<Colour, (s: string) => string> {
  const one = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return Object.fromEntries(Object.entries(SGR).map(([name, code]) => [name, one(code)])) as Record<
    Colour,
    (s: string) => string
  >;
}
