/**
 * One line of OpenClaw's JSON log (tslog: {"0": subsystem, "1": message or
 * event object, "time": ISO, "message": ...}, as written to
 * /tmp/openclaw/openclaw-YYYY-MM-DD.log by openclaw@2026.9.6) reduced to
 * what a person reads: the error's message and when. A line that is not
 * JSON is its own message. Pure.
 */
export interface LogLineSummary {
  message: string;
  /** ISO time as the log says it, when it does. */
  time?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function summarizeLogLine(line: string, maxChars = 200): LogLineSummary {
  let message: string | undefined;
  let time: string | undefined;
  try {
    const o = JSON.parse(line) as Record<string, unknown>;
    if (o && typeof o === 'object') {
      const body = o['1'];
      if (body && typeof body === 'object') {
        const b = body as Record<string, unknown>;
        // Event objects (embedded_run_agent_end, model_fallback_decision) carry the error under one of these names.
        message =
          str(b.error) ??
          str(b.errorPreview) ??
          str(b.fallbackStepFromFailureDetail) ??
          str(b.rawErrorPreview) ??
          str(b.message);
      }
      message ??= str(body) ?? str(o.message) ?? str(o.msg);
      const meta = o._meta as Record<string, unknown> | undefined;
      time = str(o.time) ?? (meta && typeof meta === 'object' ? str(meta.date) : undefined);
    }
  } catch {
    // not JSON: the line is the message
  }
  return {message: cutAtWord((message ?? line).replace(/\s+/g, ' ').trim(), maxChars), time};
}

/** At most `max` characters, cut at a word boundary and marked with "…" (never mid-word). */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > max / 2 ? head.slice(0, space) : head).replace(/[\s,;:.]+$/, '')}…`;
}

/** "2026-12-07 04:15 UTC" from an ISO time; the input when it is not one. */
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
