import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { ensureChromium } from "./ensure-chromium";

/**
 * `npm test`: lint (`biome check .`), typecheck, unit + integration tests on embedded PGlite, a production
 * build, and the Playwright journeys on it. With DATABASE_URL set (a local server), integration and e2e run on
 * that server too. Ends with one line: "tests: N passed, M failed"; a failed lint or typecheck counts as one
 * failed test there.
 */
const serverUrl = process.env.DATABASE_URL;
const withoutServer: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete withoutServer.DATABASE_URL;
delete withoutServer.TEST_DATABASE_URL;
const totals = { passed: 0, failed: 0 };

function step(name: string, args: string[], env: NodeJS.ProcessEnv = withoutServer): boolean {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync("npx", args, { stdio: "inherit", env });
  const ok = result.status === 0;
  console.log(`${ok ? "✓" : "✗"} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

/** A step that is not a test runner (lint, typecheck): when it fails, it counts as one failed test. */
function check(name: string, args: string[]): boolean {
  const ok = step(name, args);
  if (!ok) totals.failed += 1;
  return ok;
}

function countVitest(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
}

function countPlaywright(file: string): void {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number };
  };
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
}

function finish(ok: boolean): never {
  console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(ok && totals.failed === 0 ? 0 : 1);
}

rmSync("reports", { recursive: true, force: true });
const serverLabel = serverUrl ? `PostgreSQL at ${new URL(serverUrl).host}` : "";

let ok = check("lint and format (Biome)", ["biome", "check", "."]);
ok = check("typecheck", ["tsc", "--noEmit"]) && ok;
ok =
  step("unit + integration tests on embedded PGlite", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    "--outputFile.json=reports/vitest-pglite.json",
  ]) && ok;
countVitest("reports/vitest-pglite.json");
if (serverUrl) {
  ok =
    step(
      `integration tests on ${serverLabel}`,
      [
        "vitest",
        "run",
        "--project",
        "integration",
        "--reporter=default",
        "--reporter=json",
        "--outputFile.json=reports/vitest-postgres.json",
      ],
      { ...withoutServer, TEST_DATABASE_URL: serverUrl },
    ) && ok;
  countVitest("reports/vitest-postgres.json");
}
if (!ok) finish(false);

try {
  process.env.CHROMIUM_PATH = ensureChromium();
} catch (error) {
  console.error(String(error));
  finish(false);
}
if (!step("production build", ["next", "build"])) finish(false);

const e2eRuns: [string, NodeJS.ProcessEnv][] = [["embedded PGlite", withoutServer]];
if (serverUrl) e2eRuns.push([serverLabel, { ...withoutServer, DATABASE_URL: serverUrl }]);
for (const [label, env] of e2eRuns) {
  const report = `reports/e2e-${label.startsWith("embedded") ? "pglite" : "postgres"}.json`;
  ok =
    step(`browser tests (Playwright, Chromium) on ${label}`, ["playwright", "test"], {
      ...env,
      CHROMIUM_PATH: process.env.CHROMIUM_PATH,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    }) && ok;
  countPlaywright(report);
}
finish(ok);
