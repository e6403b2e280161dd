/** OpenClaw's Node requirement. Pure. */

/** engines.node of openclaw 2026.9.x: >=24.16.0 <25 || >=26.1.0 */
export const OPENCLAW_NODE_RANGE = '>=24.16.0 <25 || >=26.1.0';

export function parseNodeVersion(text: string): [number, number, number] | undefined {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

export function nodeSatisfiesOpenClaw(v: [number, number, number]): boolean {
  const [maj, min] = v;
  if (maj === 24) return min >= 16;
  if (maj === 26) return min >= 1;
  return maj > 26;
}
