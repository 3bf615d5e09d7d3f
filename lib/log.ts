type Fields = Record<string, unknown>;

/**
 * A safety net, not a licence: callers never pass secrets or IP addresses in, but an error's message can
 * carry them (a failed query's parameters hold session tokens and hashes; a library may echo a header).
 */
const REDACTIONS: [RegExp, string][] = [
  [/chorus_pat_[A-Za-z0-9_-]+/g, "chorus_pat_[redacted]"],
  [/\nparams: [\s\S]*$/, "\nparams: [redacted]"],
  [/\b(?:\d{1,3}\.){3}\d{1,3}\b/g, "[ip]"],
];

export function redact(text: string): string {
  return REDACTIONS.reduce((value, [pattern, replacement]) => value.replace(pattern, replacement), text);
}

function scrub(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(scrub);
  return value;
}

/** Structured JSON logs, one line each. Never pass secrets or IP addresses in. */
function write(level: "info" | "warn" | "error", message: string, fields?: Fields): void {
  const scrubbed = fields && Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, scrub(value)]));
  const line = JSON.stringify({ time: new Date().toISOString(), level, message: redact(message), ...scrubbed });
  if (level === "error") console.error(line);
  else console.log(line);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
