import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import postgres from "postgres";

/**
 * The production topology on one machine, for tests, the bench and trying it out: a PostgreSQL primary, a
 * streaming replica made with `pg_basebackup -R`, N app servers (the production server, as `npm start` runs
 * it, after `npm run build`; DATABASE_URL the primary, DATABASE_READ_URL the replica, each its own data folder
 * for the click journal) and HAProxy in front of them, balancing round-robin with health checks on
 * /api/health. Runs PostgreSQL as the `postgres` user, so it needs root. `npx tsx scripts/cluster.ts` starts
 * it and prints where it listens; Ctrl-C stops it. See the README, "Production topology".
 */
const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";
export const HAPROXY = process.env.HAPROXY ?? "/usr/sbin/haproxy";

/** Why this machine cannot start PostgreSQL clusters of its own, or null when it can. */
export function postgresUnavailable(): string | null {
  if (!existsSync(path.join(PG_BIN, "pg_ctl"))) return `no PostgreSQL server binaries in ${PG_BIN}`;
  if (process.getuid?.() !== 0) return "needs root (PostgreSQL runs as the postgres user)";
  return null;
}

/** Why this machine cannot run the whole cluster, or null when it can. */
export function clusterUnavailable(): string | null {
  const noPostgres = postgresUnavailable();
  if (noPostgres) return noPostgres;
  if (!existsSync(HAPROXY)) return `no ${HAPROXY} (apt-get install haproxy)`;
  if (!existsSync(".next/BUILD_ID")) return "needs a production build (npm run build)";
  return null;
}

async function asPostgres(command: string, args: string[]) {
  return run("runuser", ["-u", "postgres", "--", path.join(PG_BIN, command), ...args]);
}

async function postgresOwned(prefix: string): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const { stdout } = await run("id", ["-u", "postgres"]);
  chownSync(dir, Number(stdout.trim()), Number(stdout.trim()));
  return dir;
}

export type PgServer = { dir: string; port: number; url: string; stop: () => Promise<void> };

async function startPg(dir: string, port: number): Promise<PgServer> {
  await asPostgres("pg_ctl", [
    "-D",
    dir,
    "-w",
    "-l",
    path.join(dir, "log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`,
    "start",
  ]);
  return {
    dir,
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await asPostgres("pg_ctl", ["-D", dir, "-w", "-m", "fast", "stop"]).catch(() => undefined);
    },
  };
}

/** A fresh primary: initdb (trust on loopback, replication allowed), wal_level=replica, started on `port`. */
export async function startPrimary(port: number): Promise<PgServer> {
  const dir = await postgresOwned("chorus-cluster-primary-");
  await asPostgres("initdb", ["-D", dir, "-U", "postgres", "-A", "trust", "--no-sync"]);
  // fsync off: a throwaway cluster for tests and the bench, never for data anyone keeps.
  appendFileSync(
    path.join(dir, "postgresql.conf"),
    ["", "wal_level = replica", "max_wal_senders = 5", "hot_standby = on", "fsync = off", ""].join("\n"),
  );
  return startPg(dir, port);
}

/** A streaming replica of `primary`: `pg_basebackup -R` (which writes standby.signal and primary_conninfo). */
export async function startReplica(primary: PgServer, port: number): Promise<PgServer> {
  const dir = await postgresOwned("chorus-cluster-replica-");
  await asPostgres("pg_basebackup", [
    "-h",
    "127.0.0.1",
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    dir,
    "-R",
    "-X",
    "stream",
    "--no-sync",
  ]);
  return startPg(dir, port);
}

/** Waits until the replica has replayed everything the primary had written when this was called. */
export async function waitForReplica(primaryUrl: string, replicaUrl: string, timeoutMs = 60_000): Promise<void> {
  const primary = postgres(primaryUrl, { max: 1, onnotice: () => {} });
  const replica = postgres(replicaUrl, { max: 1, onnotice: () => {} });
  try {
    const [current] = await primary<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
    const lsn = current?.lsn ?? "0/0";
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [replayed] = await replica<{ caught: boolean }[]>`
        select coalesce(pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn, false) as caught`;
      if (replayed?.caught) return;
      if (Date.now() > deadline) throw new Error(`the replica did not reach ${lsn} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await primary.end({ timeout: 5 });
    await replica.end({ timeout: 5 });
  }
}

export type AppServer = {
  name: string;
  port: number;
  dataDir: string;
  child: ChildProcessWithoutNullStreams;
  output: { text: string };
  exited: Promise<number | null>;
};

/** One production server (as `npm start` runs it: node itself, so a signal reaches the server). */
export function startAppServer(name: string, port: number, dataDir: string, env: NodeJS.ProcessEnv): AppServer {
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", CHORUS_DATA_DIR: dataDir, NODE_ENV: "production" },
  });
  const output = { text: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, port, dataDir, child, output, exited };
}

/** Resolves once `url` answers 200 (polled as fast as it answers), or rejects after `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs = 120_000, exited?: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited?.then(() => (gone = true));
  for (;;) {
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    if (gone) throw new Error(`the process behind ${url} exited`);
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** HAProxy's configuration: round-robin over `servers`, each checked on /api/health every second. */
export function haproxyConfig(port: number, servers: { name: string; port: number }[]): string {
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 30s",
    "  timeout server 30s",
    // A server that refuses the connection (killed, restarting): the request goes to another one. Only
    // refused connections are retried, never a request a server may have answered: that could count a click twice.
    "  retries 3",
    "  option redispatch",
    "  retry-on conn-failure",
    "frontend web",
    `  bind 127.0.0.1:${port}`,
    "  option forwardfor",
    "  default_backend app",
    "backend app",
    "  balance roundrobin",
    "  option httpchk GET /api/health",
    "  http-check expect status 200",
    // Out after 3 failed checks in a row (about 3 s), back after one good one; a slow answer on a busy machine
    // is not a failure.
    "  timeout check 5s",
    "  default-server inter 1s fall 3 rise 1",
    // Which server answered, for tests and the bench.
    "  http-response set-header X-Chorus-Server %s",
    ...servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`),
    "",
  ].join("\n");
}

export type Balancer = { port: number; url: string; child: ChildProcessWithoutNullStreams; stop: () => Promise<void> };

export async function startHaproxy(port: number, servers: { name: string; port: number }[]): Promise<Balancer> {
  const dir = mkdtempSync(path.join(tmpdir(), "chorus-haproxy-"));
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig(port, servers));
  await run(HAPROXY, ["-c", "-q", "-f", config]);
  // -db: stay in the foreground, so the child is HAProxy itself and killing it stops it.
  const child = spawn(HAPROXY, ["-db", "-f", config]);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Cluster = {
  primary: PgServer;
  replica: PgServer;
  servers: AppServer[];
  balancer: Balancer;
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
};

export type ClusterPorts = { app: number; pg: number };

/**
 * Primary on `pg`, replica on `pg + 1`; app servers on `app`, `app + 1`, …; HAProxy on `app + servers`.
 * Migrates and seeds the demo data on the primary first (scripts/seed.ts), then starts the servers.
 */
export async function startCluster(
  { app, pg }: ClusterPorts,
  { servers: count = 2, env: extra = {} }: { servers?: number; env?: Record<string, string> } = {},
): Promise<Cluster> {
  const started: { stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const item of started.reverse()) await item.stop();
  };
  try {
    const primary = await startPrimary(pg);
    started.push({
      stop: async () => primary.stop().then(() => rmSync(primary.dir, { recursive: true, force: true })),
    });
    const replica = await startReplica(primary, pg + 1);
    started.push({
      stop: async () => replica.stop().then(() => rmSync(replica.dir, { recursive: true, force: true })),
    });
    const balancerPort = app + count;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: primary.url,
      DATABASE_READ_URL: replica.url,
      APP_URL: `http://127.0.0.1:${balancerPort}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      // HAProxy appends the client's address to X-Forwarded-For: the one hop to trust.
      TRUST_PROXY: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      ...extra,
    };
    await run(process.execPath, ["--import", "tsx", "scripts/seed.ts"], { env, maxBuffer: 16 * 1024 * 1024 });

    const dataRoot = mkdtempSync(path.join(tmpdir(), "chorus-cluster-app-"));
    started.push({ stop: async () => rmSync(dataRoot, { recursive: true, force: true }) });
    const servers: AppServer[] = [];
    for (let i = 0; i < count; i++) {
      const server = startAppServer(`app${i + 1}`, app + i, path.join(dataRoot, `app${i + 1}`), env);
      servers.push(server);
    }
    started.push({
      stop: async () => {
        for (const server of servers) {
          if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGTERM");
          await server.exited;
        }
      },
    });
    await Promise.all(servers.map((s) => waitForOk(`http://127.0.0.1:${s.port}/api/health`, 180_000, s.exited)));
    const balancer = await startHaproxy(balancerPort, servers);
    started.push(balancer);
    await waitForOk(`${balancer.url}/api/health`, 30_000);
    return { primary, replica, servers, balancer, env, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const unavailable = clusterUnavailable();
  if (unavailable) {
    console.error(`cluster: ${unavailable}`);
    process.exit(1);
  }
  const app = Number(process.env.CLUSTER_PORT ?? 3010);
  const pg = Number(process.env.CLUSTER_PG_PORT ?? 5440);
  const cluster = await startCluster({ app, pg }, { servers: Number(process.env.CLUSTER_SERVERS ?? 2) });
  console.log(
    [
      `balancer  ${cluster.balancer.url}  (HAProxy, round-robin, checks /api/health)`,
      ...cluster.servers.map((s) => `${s.name.padEnd(9)} http://127.0.0.1:${s.port}  (data ${s.dataDir})`),
      `primary   ${cluster.primary.url}`,
      `replica   ${cluster.replica.url}  (pg_basebackup -R, streaming)`,
      "Sign in as admin@chorus.local (mails go to the outbox table). Ctrl-C stops everything.",
    ].join("\n"),
  );
  const stop = () => {
    void cluster.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
