import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Its own production server (on the build `npm test` makes) and its own PGlite folder, so it can be stopped;
// on the port after the shared e2e server's, so engineers running specs side by side do not collide.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 1;
// One port for the file's servers: its tests run one after another (two at once would click each other's server).
test.describe.configure({ mode: "serial" });
const ORIGIN = `http://127.0.0.1:${PORT}`;
// Started as `npm start` starts it: its script through `sh -c`. A process manager signals this pid.
const START = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;

function startServer(env: NodeJS.ProcessEnv) {
  const server = spawn("sh", ["-c", START], { env, stdio: ["ignore", "pipe", "pipe"] });
  const output = { text: "" };
  server.stdout.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on("exit", (status) => resolve(status)));
  return { server, output, exited };
}

/** Every line the server printed, each of which must be one JSON object. */
function logLines(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`the server printed a line that is not JSON: ${line}`);
      }
    });
}

test("in production without APP_URL the server refuses to start, naming the variable", async () => {
  test.setTimeout(180_000);
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(PORT), AUTH_SECRET: "x".repeat(32) };
  delete env.APP_URL;
  const { server, output, exited } = startServer(env);
  // Either it exits, or (the failure) it comes up and serves.
  let stopped = false;
  void exited.then(() => (stopped = true));
  const serving = (async () => {
    while (!stopped) {
      if (
        (await fetch(`${ORIGIN}/api/health`).then(
          (r) => r.status,
          () => 0,
        )) === 200
      )
        return "serving";
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return "stopped";
  })();
  const outcome = await Promise.race([exited, serving]);
  if (outcome === "serving") server.kill("SIGKILL");
  expect(outcome).toBe(1);
  const [line] = logLines(output.text);
  expect(line).toMatchObject({ level: "error", message: expect.stringMatching(/^APP_URL is not set/) });
});

function script(...args: string[]): string {
  const result = spawnSync("npx", ["tsx", "e2e/shutdown-db.ts", ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`shutdown-db.ts ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

/** The environment of a server on its own embedded database in dataDir (DATABASE_URL left out). */
function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    HOST: "127.0.0.1",
    APP_URL: ORIGIN,
    CHORUS_DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.DATABASE_URL;
  return env;
}

test("SIGTERM during a burst of clicks, sent to the server npm start started: every click that got its redirect is written before the server exits", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-shutdown-"));
  try {
    const { code } = JSON.parse(script("seed", path.join(dataDir, "pglite"))) as { code: string };
    const env = serverEnv(dataDir);
    const { server, output, exited } = startServer(env);

    await expect(async () => {
      expect((await fetch(`${ORIGIN}/api/health`)).status).toBe(200);
    }).toPass({ timeout: 90_000 });

    // An address nobody allowed asks for a sign-in link: the form says no, and the log holds no error for it.
    const page = await browser.newPage();
    await page.goto(`${ORIGIN}/signin`);
    await page.getByLabel("Work email").fill(`stranger-${randomBytes(3).toString("hex")}@not-allowed.example`);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByText("This address may not sign in.")).toBeVisible();
    await page.close();

    // 300 clicks from 300 visitors; SIGTERM goes out once the first 100 redirects are back, with the rest in flight.
    const N = 300;
    let signalled = false;
    const redirected = await burst(code, N, (count) => {
      if (count >= 100 && !signalled) {
        signalled = true;
        server.kill("SIGTERM");
      }
    });
    if (!signalled) server.kill("SIGTERM");
    expect(await exited).toBe(0);

    const lines = logLines(output.text);
    const shutdownLine = lines.find((line) => line.message === "shutting down");
    expect(shutdownLine, output.text).toBeTruthy();
    expect(lines.filter((line) => line.level === "error")).toEqual([]);
    test.info().annotations.push({
      type: "shutdown",
      description: `${redirected} redirects; ${JSON.stringify(shutdownLine)}`,
    });
    expect(redirected).toBeGreaterThanOrEqual(100);

    const stored = JSON.parse(script("count", path.join(dataDir, "pglite"), code)) as {
      clicks: number;
      rollup: number;
    };
    expect(stored.clicks).toBe(redirected);
    expect(stored.rollup).toBe(redirected);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * `n` clicks from `n` visitors at once; `onRedirect` is told the count of 302s so far as each arrives, and
 * `unanswered` counts the requests that got no answer at all (the connection died with the server).
 */
function burst(code: string, n: number, onRedirect: (redirected: number) => void, unanswered = { count: 0 }) {
  let redirected = 0;
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      fetch(`${ORIGIN}/s/${code}`, {
        redirect: "manual",
        headers: {
          "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 visitor-${i}`,
          "x-forwarded-for": `198.51.100.${i % 250}`,
        },
      }).then(
        (response) => {
          if (response.status === 302) onRedirect(++redirected);
        },
        () => {
          unanswered.count++;
        },
      ),
    ),
  ).then(() => redirected);
}

test("SIGKILL during a burst of clicks: restarted on the same data, the server writes every click that got its redirect, once", async () => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-sigkill-"));
  try {
    const { code } = JSON.parse(script("seed", path.join(dataDir, "pglite"))) as { code: string };
    const env = serverEnv(dataDir);
    const first = startServer(env);
    await expect(async () => {
      expect((await fetch(`${ORIGIN}/api/health`)).status).toBe(200);
    }).toPass({ timeout: 90_000 });

    // The code's first lookup may answer 503 on a loaded machine (a cold cache waits 500 ms at most): warm it.
    let warmed = 0;
    await expect
      .poll(async () => {
        const status = (await fetch(`${ORIGIN}/s/${code}`, { redirect: "manual" })).status;
        if (status === 302) warmed++;
        return status;
      })
      .toBe(302);
    // No shutdown at all: the process dies at once, once 100 redirects are back, with the rest in flight.
    let killed = false;
    const unanswered = { count: 0 };
    const redirected =
      warmed +
      (await burst(
        code,
        300,
        (n) => {
          if (n >= 100 && !killed) {
            killed = true;
            first.server.kill("SIGKILL");
          }
        },
        unanswered,
      ));
    if (!killed) first.server.kill("SIGKILL");
    await first.exited;
    expect(redirected).toBeGreaterThanOrEqual(100);

    // The next start replays the journal; once it is written the server is stopped so the data can be read.
    const second = startServer(env);
    await expect(async () => {
      const response = await fetch(`${ORIGIN}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ clicks: { queue: 0, journal: { backlog: 0, dropped: 0 } } });
    }).toPass({ timeout: 90_000 });
    second.server.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    const replayed = logLines(second.output.text).find((line) => line.message === "replaying clicks from the journal");
    test.info().annotations.push({
      type: "sigkill",
      description: `${redirected} redirects before and during the kill, ${unanswered.count} unanswered; ${JSON.stringify(replayed)}`,
    });

    const stored = JSON.parse(script("count", path.join(dataDir, "pglite"), code)) as Record<string, number>;
    // Every click that got its redirect is written, each once (ids = clicks = rollup). A click can be journaled
    // with its 302 still unsent when the process dies, so it may be written without its answer: at most one per
    // request that got no answer.
    expect(stored.ids).toBe(stored.clicks);
    expect(stored.rollup).toBe(stored.clicks);
    expect(stored.clicks).toBeGreaterThanOrEqual(redirected);
    expect(stored.clicks).toBeLessThanOrEqual(redirected + unanswered.count);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
