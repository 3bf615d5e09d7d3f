import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

// `npm run demo`: build once, migrate and seed the embedded database, then serve with the outbox on.
const dataDir = path.resolve(process.env.CHORUS_DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });
const secretFile = path.join(dataDir, "auth-secret");
if (!process.env.AUTH_SECRET) {
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
// The demo's links (sign-in mails, tracked links) point at the address it serves.
const env = {
  APP_URL: `http://localhost:${process.env.PORT ?? 3000}`,
  ...process.env,
  CHORUS_OUTBOX: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(args: string[], extra: Record<string, string> = {}): void {
  const result = spawnSync("npx", args, { stdio: "inherit", env: { ...env, ...extra } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(".next/BUILD_ID") || process.argv.includes("--rebuild")) run(["next", "build"]);
run(["tsx", "scripts/seed.ts"]);
const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
  stdio: "inherit",
  env: { ...env, NODE_ENV: "production" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
