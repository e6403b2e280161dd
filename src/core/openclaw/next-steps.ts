/**
 * What to do in OpenClaw itself after we wrote its config. From openclaw@2026.9.6
 * docs/gateway/configuration/hot-reload.md: the Gateway watches openclaw.json;
 * with `gateway.reload.mode` "hybrid" (the default) changes to `agents` and
 * `models` apply without a restart; with "off" they wait for one
 * (`openclaw gateway restart` restarts the installed service). A message to
 * try: `openclaw agent --agent main --message …` (`--local` runs the agent
 * embedded, without a Gateway). Pure.
 */
export function openclawNextSteps(config: unknown): string[] {
  const gateway = (config as {gateway?: {reload?: {mode?: unknown}}} | undefined)?.gateway;
  const mode = typeof gateway?.reload?.mode === 'string' ? gateway.reload.mode : undefined;
  const reload =
    mode === 'off'
      ? 'Your gateway.reload.mode is "off": restart the Gateway so it reads the change: openclaw gateway restart'
      : 'A running Gateway picks this change up by itself (gateway.reload.mode "hybrid", the default); if it does not: openclaw gateway restart';
  return [
    reload,
    'Then try a message: openclaw agent --agent main --message "Say hello"   (no Gateway running: add --local)',
  ];
}
