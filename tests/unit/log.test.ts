import { afterEach, expect, test, vi } from "vitest";
import { log, redact } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

test("log lines are one JSON object each, with level, time and fields", () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));
  log.info("api request", { method: "GET", status: 200 });
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0]!)).toMatchObject({
    level: "info",
    message: "api request",
    method: "GET",
    status: 200,
    time: expect.any(String),
  });
});

test("tokens, query parameters and IPv4 addresses in an error's text are redacted", () => {
  const lines: string[] = [];
  vi.spyOn(console, "error").mockImplementation((line: unknown) => void lines.push(String(line)));
  const token = `chorus_pat_${"a1B2_-".repeat(7)}x`;
  log.error("click batch failed", {
    error: `Failed query: select * from sessions where session_token in ($1)\nparams: session-abc123,${token}`,
    detail: [`bad token ${token}`, "from 203.0.113.77"],
  });
  const line = lines[0]!;
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
