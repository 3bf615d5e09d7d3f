import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { assertLocalDatabase } from "@/tests/setup/local";

// Playwright's web server: a fresh database (a new one on DATABASE_URL's server, else a fresh PGlite
// folder), migrated and seeded with the demo users, then the production server with the outbox on.
const port = process.env.E2E_PORT ?? "3100";
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: port,
  // The origin the specs browse (playwright.config.ts's baseURL): links and the cross-site check use it.
  APP_URL: `http://localhost:${port}`,
  NODE_ENV: "production",
  CHORUS_OUTBOX: "1",
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  NEXT_TELEMETRY_DISABLED: "1",
  // Test-only values that e2e/sharing.spec.ts, e2e/outcomes.spec.ts and e2e/landing-site.ts share.
  CHORUS_WEBHOOK_SECRET: "e2e-webhook-secret",
  CHORUS_EMBED_ORIGINS: "http://127.0.0.1:3199,http://127.0.0.1:3193",
  // e2e/preview-image.spec.ts's article site is on 127.0.0.1, which the preview-image fetcher otherwise refuses.
  CHORUS_FETCH_PRIVATE_HOSTS: "1",
  // e2e/recognition.spec.ts runs the weekly score job with a clock of its choosing (app/api/test/run-jobs).
  CHORUS_TEST_HOOKS: "1",
};
delete env.SMTP_URL;

if (process.env.DATABASE_URL) {
  assertLocalDatabase(process.env.DATABASE_URL);
  const admin = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
  for (const { datname } of await admin<
    { datname: string }[]
  >`select datname from pg_database where datname like 'chorus_e2e_%'`) {
    await admin.unsafe(`drop database if exists ${datname} with (force)`);
  }
  const name = `chorus_e2e_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  env.DATABASE_URL = url.href;
} else {
  env.CHORUS_DATA_DIR = path.resolve(".data/e2e");
  rmSync(env.CHORUS_DATA_DIR, { recursive: true, force: true });
}

const seeded = spawnSync("npx", ["tsx", "scripts/seed.ts"], { stdio: "inherit", env });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
// node itself, as `npm start` runs it: a signal reaches the server, not a wrapper.
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
