import { format } from "node:util";

type Fields = Record<string, unknown>;
type Level = "info" | "warn" | "error";

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

let streamsGuarded = false;
/** As console does: a closed stdout/stderr (the reader went away) must neither crash the server nor loop. */
function ignoreClosedStreams(): void {
  if (streamsGuarded) return;
  streamsGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
}

/**
 * Structured JSON logs, one line each. Never pass secrets or IP addresses in. Written to the streams
 * directly, not through console: server.ts routes console.* here (routeConsoleThroughLog).
 */
function write(level: Level, message: string, fields?: Fields): void {
  ignoreClosedStreams();
  const scrubbed = fields && Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, scrub(value)]));
  const line = JSON.stringify({ time: new Date().toISOString(), level, message: redact(message), ...scrubbed });
  (level === "error" ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};

/** An unexpected error as a log line's fields: its name and its message, redacted and cut short (no stack). */
export function errorFields(error: unknown): { name: string; error: string } {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return { name, error: redact(message).slice(0, 1000) };
}

const CONSOLE_LEVELS = {
  debug: "info",
  log: "info",
  info: "info",
  warn: "warn",
  error: "error",
  trace: "error",
} as const;

/**
 * Whatever else the server process prints through console (Next.js's own error reports, libraries) goes out
 * as one scrubbed JSON line too: a multi-line message with raw query parameters, or text that looks like a
 * log line of its own, can neither leak nor forge one. Colour codes are dropped.
 */
export function routeConsoleThroughLog(): void {
  for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
    console[method as keyof typeof CONSOLE_LEVELS] = (...args: unknown[]) =>
      write(level, "console", { text: format(...args).replace(/\u001b\[[0-9;]*m/g, "") });
  }
}
