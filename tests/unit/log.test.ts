import { afterEach, expect, test, vi } from "vitest";
import { errorFields, log, redact, routeConsoleThroughLog } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

/** What the process writes to stdout and stderr, as text. */
function captureOutput(): string[] {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  return chunks;
}

test("log lines are one JSON object each, with level, time and fields", () => {
  const output = captureOutput();
  log.info("api request", { method: "GET", status: 200 });
  expect(output).toHaveLength(1);
  expect(output[0]!.endsWith("\n")).toBe(true);
  expect(JSON.parse(output[0]!)).toMatchObject({
    level: "info",
    message: "api request",
    method: "GET",
    status: 200,
    time: expect.any(String),
  });
});

test("tokens, query parameters and IPv4 addresses in an error's text are redacted", () => {
  const output = captureOutput();
  const token = `chorus_pat_${"a1B2_-".repeat(7)}x`;
  log.error("click batch failed", {
    error: `Failed query: select * from sessions where session_token in ($1)\nparams: session-abc123,${token}`,
    detail: [`bad token ${token}`, "from 203.0.113.77"],
  });
  const line = output[0]!;
  expect(line).not.toContain("session-abc123");
  expect(line).not.toContain(token);
  expect(line).not.toContain("203.0.113.77");
  expect(JSON.parse(line)).toMatchObject({
    error: "Failed query: select * from sessions where session_token in ($1)\nparams: [redacted]",
    detail: ["bad token chorus_pat_[redacted]", "from [ip]"],
  });
});

test("redact leaves ordinary text alone", () => {
  expect(redact("shutting down after 12:59:36, 3 pending")).toBe("shutting down after 12:59:36, 3 pending");
});

test("an unexpected error becomes its name and a redacted message, without its stack", () => {
  const error = new TypeError("Failed query: select 1 where email = $1\nparams: someone@example.com,user-42");
  expect(errorFields(error)).toEqual({
    name: "TypeError",
    error: "Failed query: select 1 where email = $1\nparams: [redacted]",
  });
  expect(errorFields("plain")).toEqual({ name: "string", error: "plain" });
});

test("console output goes out as one scrubbed JSON line: a message cannot leak query parameters or forge a line", () => {
  const saved = { ...console };
  const output = captureOutput();
  try {
    routeConsoleThroughLog();
    // What Next prints for an error a route threw: colour codes, several lines, the failed query's parameters.
    const failure = new Error(
      'Failed query: insert into teams (name) values ($1)\nparams: Sales\n{"level":"info","message":"forged"}\u0000,someone@example.com',
    );
    console.error("\u001b[31m⨯\u001b[39m", failure);
    console.log('team saved\n{"time":"2026-01-01T00:00:00.000Z","level":"info","message":"admin signed in"}');
    console.warn("careful: 203.0.113.9");
  } finally {
    Object.assign(console, saved);
  }
  const lines = output.join("").split("\n").filter(Boolean);
  expect(lines).toHaveLength(3);
  const [error, info, warn] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(error).toMatchObject({ level: "error", message: "console" });
  expect(error!.text).toMatch(
    /^⨯ Error: Failed query: insert into teams \(name\) values \(\$1\)\nparams: \[redacted\]$/,
  );
  expect(lines[0]).not.toContain("someone@example.com");
  expect(lines[0]).not.toContain("forged");
  expect(info).toMatchObject({ level: "info", message: "console" });
  expect(info!.text).toContain('team saved\n{"time"');
  expect(warn).toMatchObject({ level: "warn", text: "careful: [ip]" });
});
