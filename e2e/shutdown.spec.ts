import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Its own production server (on the build `npm test` makes) and its own PGlite folder, so it can be stopped.
const PORT = 3800;
const ORIGIN = `http://127.0.0.1:${PORT}`;

function script(...args: string[]): string {
  const result = spawnSync("npx", ["tsx", "e2e/shutdown-db.ts", ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`shutdown-db.ts ${args[0]} failed: ${result.stderr}`);
  return result.stdout.trim().split("\n").at(-1)!;
}

test("SIGTERM during a burst of clicks: every click that got its redirect is written before the server exits", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "chorus-shutdown-"));
  try {
    const { code } = JSON.parse(script("seed", path.join(dataDir, "pglite"))) as { code: string };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      CHORUS_DATA_DIR: dataDir,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.DATABASE_URL;
    // node itself, not npx: the signal must reach the server, not a wrapper.
    const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on("exit", (status) => resolve(status)));

    await expect(async () => {
      expect((await fetch(`${ORIGIN}/api/health`)).status).toBe(200);
    }).toPass({ timeout: 90_000 });

    // 300 clicks from 300 visitors; SIGTERM goes out once the first 100 redirects are back, with the rest in flight.
    const N = 300;
    let redirected = 0;
    let signalled = false;
    const clicks = Array.from({ length: N }, (_, i) =>
      fetch(`${ORIGIN}/s/${code}`, {
        redirect: "manual",
        headers: {
          "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 visitor-${i}`,
          "x-forwarded-for": `198.51.100.${i % 250}`,
        },
      }).then(
        (response) => {
          if (response.status === 302) redirected++;
          if (redirected >= 100 && !signalled) {
            signalled = true;
            server.kill("SIGTERM");
          }
        },
        () => undefined,
      ),
    );
    await Promise.all(clicks);
    if (!signalled) server.kill("SIGTERM");
    expect(await exited).toBe(0);

    const shutdownLine = output.split("\n").find((line) => line.includes('"shutting down"'));
    expect(shutdownLine, output).toBeTruthy();
    test.info().annotations.push({ type: "shutdown", description: `${redirected} redirects; ${shutdownLine}` });
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
