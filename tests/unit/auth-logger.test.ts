import { AccessDenied, Verification } from "@auth/core/errors";
import { afterEach, expect, test, vi } from "vitest";
import { authLogger } from "@/lib/auth-logger";

afterEach(() => vi.restoreAllMocks());

function captureOutput(): string[] {
  const lines: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(capture);
  vi.spyOn(process.stderr, "write").mockImplementation(capture);
  return lines;
}

// The production build renames Auth.js's classes (`class t extends …`), so an instance's name is not its type.
const minified = { t: class extends AccessDenied {} }.t;
const minifiedVerification = { r: class extends Verification {} }.r;

test("a refused sign-in (AccessDenied) is not logged as an error, whatever its class is called", () => {
  const output = captureOutput();
  const refusal = new minified("AccessDenied");
  expect(refusal.name).toBe("t");
  authLogger.error(refusal);
  authLogger.error(new AccessDenied("AccessDenied"));
  expect(output).toEqual([]);
});

test("any other Auth.js error is logged as one error line named by its type", () => {
  const output = captureOutput();
  authLogger.error(new minifiedVerification("token expired"));
  expect(output).toHaveLength(1);
  expect(JSON.parse(output[0]!)).toMatchObject({ level: "error", message: "auth error", type: "Verification" });
});
