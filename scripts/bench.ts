import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { closeDatabase, migrateDatabase, rows, setConnection } from "@/db/client";
import type { Network } from "@/db/schema";
import { buildTargetUrl } from "@/lib/link-codes";
import { isCrawler } from "@/lib/tracking";
import { assertLocalDatabase } from "@/tests/setup/local";
import { BOTS, BROWSERS, VisitMix, type MixTally } from "./bench-mix";
import { clusterBench } from "./bench-cluster";
import { formatQueryTimings, timeQueries, type QueryTimings } from "./bench-queries";
import { benchPages, createPageSessions, formatPages, type PageResults } from "./bench-pages";
import { scoreBench } from "./bench-score";
import { DEFAULT_SIZES, generateDataset, type GeneratedDataset } from "./generate";

/**
 * `npm run bench`: Chorus's redirect against a plain baseline (scripts/bench-baseline.ts) and an in-memory
 * node:http server (scripts/bench-ceiling.ts, the ceiling) on the same data, side by side in one run, so every
 * figure is a ratio that holds on a noisy machine; checks that no click is lost and that the counting rules
 * count what they should; times the leaderboard and dashboard queries on a large data set; then the pages
 * people look at (feed, leaderboard, my stats, dashboard, library), each signed in as a person of the role
 * that sees it, beside the sign-in page in the same run. Prints markdown tables and writes bench/results.json.
 *
 *   npm run bench -- [--concurrency 1,10,50,200] [--seconds 10] [--clicks 1000000] [--links 2000] [--profile]
 *                    [--page-concurrency 10] [--page-seconds 10] [--port 3300]
 *   npm run bench -- --pages      (the pages alone: no redirect steps, no query timings)
 *   npm run bench -- --redirect   (the redirect and the queries, no pages)
 *   npm run bench -- --score [--advocates 10000] [--clicks 10000000] [--raw-click-days 60]   (the weekly score job alone)
 *   npm run bench -- --cluster [--concurrency 50] [--seconds 10]   (one server beside two behind HAProxy, as root)
 *
 * With DATABASE_URL (a local server) it works in a fresh database `chorus_bench_<random>` there, dropped at
 * the end; without it, in fresh PGlite folders under the system temp dir, removed at the end.
 */
const options = {
  concurrency: list("concurrency", [1, 10, 50, 200]),
  seconds: number("seconds", 10),
  clicks: number("clicks", DEFAULT_SIZES.clicks),
  /** How many of the generated links the load spreads over (skewed: a few get most clicks). */
  links: number("links", 2_000),
  /** Writes a V8 CPU profile of the Chorus server to bench/raw/profiles/ (open it in Chrome DevTools). */
  profile: process.argv.includes("--profile"),
  /** The pages section alone (--pages) or the redirect and query timings alone (--redirect); both by default. */
  pages: !process.argv.includes("--redirect"),
  redirect: !process.argv.includes("--pages"),
  pageConcurrency: number("page-concurrency", 10),
  pageSeconds: number("page-seconds", 10),
  /** Chorus listens on this port, the baseline on the next, the ceiling on the one after. */
  port: number("port", 3300),
};
const PORTS = { chorus: options.port, baseline: options.port + 1, ceiling: options.port + 2 };
const WARMUP_REQUESTS_PER_CONNECTION = 25;
const SETTLE_TIMEOUT_MS = 180_000;
const rawDir = path.resolve("bench/raw");
const tsxImport = ["--import", "tsx"];
const benchStarted = performance.now();

type TargetName = keyof typeof PORTS;
/** The targets that store clicks (the ceiling keeps nothing). */
type DatabaseTarget = Exclude<TargetName, "ceiling">;
type Target = {
  name: TargetName;
  port: number;
  script: string;
  env: NodeJS.ProcessEnv;
  child?: ChildProcess;
  /** Clicks above this id are this target's current slot. */
  lastId: number;
  /** Requests per second last measured, to size the next slot. */
  rate: number;
  /** Rollup totals after the last slot (Chorus only). */
  rollup?: { clicks: number; counted: number };
  /** Set when the server stops on its own (or something outside the bench stops it). */
  died?: string;
};
type Load = {
  requests: number;
  answered302: number;
  other: Record<string, number>;
  errors: number;
  seconds: number;
  latencies: Float64Array;
  mix: MixTally;
  drainSeconds?: number;
};
/**
 * lost: 302s answered whose click is not in the database; unanswered: requests that timed out or failed (the server may
 * still have stored them).
 */
type Accounting = {
  target: TargetName;
  concurrency: number;
  answered302: number;
  unanswered: number;
  stored: number;
  lost: number;
  counted: number;
  predictedCounted: number;
  rollupClicks: number | null;
  rollupCounted: number | null;
  drainMs: number;
};
/** rps: 302s answered per second; storedPerSecond: the same clicks over the time until the last was in the database. */
type Side = {
  requests: number;
  rps: number;
  storedPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  non302: number;
};
type Step = {
  concurrency: number;
  chorus: Side;
  baseline: Side;
  ceiling: Side;
  /** Chorus ÷ baseline, and Chorus's req/s ÷ the ceiling's. */
  ratio: { rps: number; storedPerSecond: number; p50: number; p99: number; ofCeiling: number };
};

function list(name: string, fallback: number[]): number[] {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const values = (process.argv[at + 1] ?? "").split(",").map(Number);
  if (!values.every((n) => Number.isInteger(n) && n > 0))
    throw new Error(`--${name} takes positive whole numbers, e.g. 1,10,50`);
  return values;
}
function number(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number((process.argv[at + 1] ?? "").replace(/_/g, ""));
  if (!(value > 0)) throw new Error(`--${name} takes a positive number`);
  return value;
}
function say(message: string): void {
  console.log(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(0).padStart(3)} s] ${message}`);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── the database ─────────────────────────────────────────────────────────────────────────────────────────

type BenchDatabase = {
  kind: "postgres" | "pglite";
  /** Environment for a server process, per target. */
  env: Record<TargetName, Record<string, string>>;
  dataDirs?: Record<DatabaseTarget, string>;
  /** Opens the bench's own connection (for a PGlite target: only while its server is stopped). */
  open(target?: DatabaseTarget): void;
  /** Migrates the bench's database (on PostgreSQL through a connection of its own: it holds a lock meanwhile). */
  migrate(): Promise<void>;
  cleanup(): Promise<void>;
};

async function createDatabase(): Promise<BenchDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
    const name = `chorus_bench_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.href };
    return {
      kind: "postgres",
      env: { chorus: env, baseline: env, ceiling: {} },
      // One connection: the generator's temporary tables live on the connection that made them.
      open: () =>
        setConnection({ kind: "postgres", url: url.href, client: postgres(url.href, { max: 1, onnotice: () => {} }) }),
      migrate: async () => {
        const client = postgres(url.href, { max: 2, onnotice: () => {} });
        await migrateDatabase({ kind: "postgres", url: url.href, client });
        await client.end();
      },
      cleanup: async () => {
        await closeDatabase();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  // PGlite: one process per folder, so each server gets its own copy of the same generated data.
  const root = mkdtempSync(path.join(os.tmpdir(), "chorus-bench-"));
  const dataDirs = { chorus: path.join(root, "chorus"), baseline: path.join(root, "baseline") };
  return {
    kind: "pglite",
    env: {
      chorus: { CHORUS_DATA_DIR: dataDirs.chorus },
      baseline: { CHORUS_DATA_DIR: dataDirs.baseline },
      ceiling: {},
    },
    dataDirs,
    open: (target = "chorus") => {
      const dir = path.join(dataDirs[target], "pglite");
      mkdirSync(dir, { recursive: true });
      setConnection({ kind: "pglite", dataDir: dir, client: new PGlite(dir) });
    },
    migrate: () => migrateDatabase(),
    cleanup: async () => {
      await closeDatabase();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function clickTotals(sinceId: number): Promise<{ stored: number; counted: number; maxId: number }> {
  const [row] = await rows<{ stored: number; counted: number; max_id: number | null }>(
    sql`select count(*)::int as stored, count(*) filter (where counted)::int as counted, max(id)::bigint as max_id from clicks where id > ${sinceId}`,
  );
  return { stored: row!.stored, counted: row!.counted, maxId: Number(row!.max_id ?? sinceId) };
}

async function maxClickId(): Promise<number> {
  const [row] = await rows<{ max_id: number | null }>(sql`select max(id)::bigint as max_id from clicks`);
  return Number(row!.max_id ?? 0);
}

async function rollupTotals(): Promise<{ clicks: number; counted: number }> {
  const [row] = await rows<{ clicks: number; counted: number }>(
    sql`select coalesce(sum(clicks), 0)::bigint as clicks, coalesce(sum(counted_clicks), 0)::bigint as counted from rollup_daily`,
  );
  return { clicks: Number(row!.clicks), counted: Number(row!.counted) };
}

// ── the servers ──────────────────────────────────────────────────────────────────────────────────────────

/** A `next build` by another process in this folder (it empties .next first, so BUILD_ID is briefly gone). */
function buildRunningHere(): boolean {
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (
        readFileSync(`/proc/${pid}/cmdline`, "utf8").startsWith("next-build") &&
        realpathSync(`/proc/${pid}/cwd`) === process.cwd()
      )
        return true;
    } catch {
      // gone, or not ours to read
    }
  }
  return false;
}

/** The production build in .next: reused when present (or when another build finishes), else built once. */
async function ensureBuild(): Promise<void> {
  const deadline = Date.now() + 600_000;
  while (!existsSync(".next/BUILD_ID") && buildRunningHere() && Date.now() < deadline) {
    say("waiting for the next build running in this folder");
    await sleep(5_000);
  }
  if (existsSync(".next/BUILD_ID")) return;
  say("no production build in .next: running next build");
  const built = spawnSync(path.resolve("node_modules/.bin/next"), ["build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (built.status !== 0) throw new Error("next build failed");
}

async function start(target: Target, attempt = 1): Promise<void> {
  const log = openSync(path.join(rawDir, `${target.name}.log`), "a");
  const profile =
    options.profile && target.name === "chorus"
      ? ["--cpu-prof", `--cpu-prof-dir=${path.join(rawDir, "profiles")}`]
      : [];
  const child = spawn(process.execPath, [...profile, ...tsxImport, target.script], {
    env: target.env,
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  target.child = child;
  target.died = undefined;
  child.once("exit", (code, signal) => {
    if (target.child === child)
      target.died = `${target.name} exited (${signal ?? `code ${code}`}) without being asked to`;
  });
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      // Most likely .next being rebuilt under us: wait for a complete build and try again.
      if (target.name !== "chorus" || attempt >= 3)
        throw new Error(`${target.name} exited while starting (${child.exitCode}); see bench/raw/${target.name}.log`);
      say(`chorus exited while starting (see bench/raw/chorus.log); retrying`);
      await sleep(2_000);
      await ensureBuild();
      return start(target, attempt + 1);
    }
    try {
      // An unknown code: the server answers it itself with a 404 once it listens.
      const response = await fetch(`http://127.0.0.1:${target.port}/s/0000`, { redirect: "manual" });
      if (response.status === 404) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${target.name} did not start within 120 s`);
}

/** SIGTERM: Chorus's graceful shutdown writes every queued click before it exits. */
async function stop(target: Target): Promise<void> {
  const child = target.child;
  target.child = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  await exited;
  clearTimeout(timer);
}

// ── the load ─────────────────────────────────────────────────────────────────────────────────────────────

let nextSpace = 1;

/** Exactly `amount` requests from `connections` keep-alive connections, each from the next visitor in a fresh mix. */
async function drive(target: Target, connections: number, amount: number, codes: string[]): Promise<Load> {
  const space = nextSpace++;
  const mix = new VisitMix(codes, 0x5eed + space, space);
  const latencies = new Float64Array(amount);
  const other: Record<string, number> = {};
  let answered = 0;
  let answered302 = 0;
  let lastAt = 0;
  const startedAt = performance.now();
  const cannon: autocannon.Options = {
    url: `http://127.0.0.1:${target.port}`,
    connections: Math.min(connections, amount),
    amount,
    timeout: 30,
    requests: [
      {
        method: "GET",
        setupRequest: (request) => {
          const visit = mix.next();
          return {
            ...request,
            path: visit.path,
            headers: { ...request.headers, "user-agent": visit.userAgent, "x-forwarded-for": visit.ip },
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(cannon, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies[answered++] = ms;
      if (status === 302) answered302++;
      else other[status] = (other[status] ?? 0) + 1;
      lastAt = performance.now();
    });
  });
  return {
    requests: mix.tally.requests,
    answered302,
    other,
    errors: result.errors,
    seconds: lastAt ? (lastAt - startedAt) / 1000 : Number.NaN,
    latencies: latencies.subarray(0, answered),
    mix: mix.tally,
  };
}

/**
 * Waits until every click answered 302 is in the database. On a server: polls the clicks table until the
 * count reaches the 302s (or stops growing). On PGlite nothing else may open the folder while the server
 * runs, so the server is stopped (its shutdown drains the writer) and the folder read afterwards.
 */
async function settle(
  target: Target,
  db: BenchDatabase,
  answered302: number,
): Promise<{ stored: number; counted: number; drainMs: number; maxId: number }> {
  const started = performance.now();
  if (db.kind === "pglite") {
    await stop(target);
    const drainMs = performance.now() - started;
    db.open(target.name as DatabaseTarget);
    const totals = await clickTotals(target.lastId);
    return { ...totals, drainMs };
  }
  let last = -1;
  let lastGrowth = performance.now();
  while (performance.now() - started < SETTLE_TIMEOUT_MS) {
    const totals = await clickTotals(target.lastId);
    if (totals.stored >= answered302) {
      const drainMs = performance.now() - started;
      // Anything beyond the 302s would show up now (a click written twice).
      await sleep(250);
      return { ...(await clickTotals(target.lastId)), drainMs };
    }
    if (totals.stored !== last) [last, lastGrowth] = [totals.stored, performance.now()];
    else if (performance.now() - lastGrowth > 10_000) return { ...totals, drainMs: Number.NaN };
    await sleep(50);
  }
  return { ...(await clickTotals(target.lastId)), drainMs: Number.NaN };
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : Number.NaN;
}

function summarise(loads: Load[]): Side {
  const all = new Float64Array(loads.reduce((n, load) => n + load.latencies.length, 0));
  let offset = 0;
  for (const load of loads) {
    all.set(load.latencies, offset);
    offset += load.latencies.length;
  }
  all.sort();
  const seconds = loads.reduce((s, load) => s + load.seconds, 0);
  const answered302 = loads.reduce((n, load) => n + load.answered302, 0);
  return {
    requests: loads.reduce((n, load) => n + load.requests, 0),
    rps: answered302 / seconds,
    storedPerSecond: answered302 / (seconds + loads.reduce((s, load) => s + (load.drainSeconds ?? 0), 0)),
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    errors: loads.reduce((n, load) => n + load.errors, 0),
    non302: loads.reduce((n, load) => n + Object.values(load.other).reduce((a, b) => a + b, 0), 0),
  };
}

class ServerDied extends Error {}

function emptyAccounting(target: TargetName, concurrency: number): Accounting {
  return {
    target,
    concurrency,
    answered302: 0,
    unanswered: 0,
    stored: 0,
    lost: 0,
    counted: 0,
    predictedCounted: 0,
    rollupClicks: target === "chorus" ? 0 : null,
    rollupCounted: target === "chorus" ? 0 : null,
    drainMs: 0,
  };
}

/**
 * One target's share of a step: (first time at this concurrency) a warm-up that also measures its rate,
 * then `seconds` worth of requests at that rate, then the check that every 302 was stored and counted as
 * predicted. Warm-up clicks are checked too; only the measured part is timed.
 */
async function runSlot(
  db: BenchDatabase,
  target: Target,
  concurrency: number,
  seconds: number,
  warm: boolean,
  codes: string[],
  tally: Accounting | null,
): Promise<Load[]> {
  if (target.name === "ceiling") {
    if (!target.child) await start(target);
  } else if (db.kind === "pglite") {
    await closeDatabase();
    await start(target);
  } else {
    // The other target writes to the same table between this one's slots.
    target.lastId = await maxClickId();
  }
  const loads: Load[] = [];
  if (warm) {
    const warmup = await drive(
      target,
      concurrency,
      Math.max(1_000, concurrency * WARMUP_REQUESTS_PER_CONNECTION),
      codes,
    );
    loads.push(warmup);
    target.rate = warmup.answered302 / warmup.seconds;
  }
  // A run is a fixed number of requests (so every one is answered and accounted for), sized from the last
  // rate seen; a server still warming up finishes early, so the rest of the slot runs again at its new rate.
  const measured: Load[] = [];
  let elapsed = 0;
  while (elapsed < seconds * 0.8 && measured.length < 4) {
    const load = await drive(
      target,
      concurrency,
      Math.max(concurrency * 10, Math.round(target.rate * (seconds - elapsed))),
      codes,
    );
    measured.push(load);
    loads.push(load);
    if (!(load.seconds > 0)) break;
    elapsed += load.seconds;
    target.rate = load.answered302 / load.seconds;
  }

  const answered302 = loads.reduce((n, load) => n + load.answered302, 0);
  const predicted = loads.reduce((n, load) => n + load.mix.predictedCounted, 0);
  if (target.died) throw new ServerDied(target.died);
  const measured302 = measured.reduce((n, load) => n + load.answered302, 0);
  const errors = measured.reduce((n, load) => n + load.errors, 0);
  if (!tally) {
    // The ceiling stores nothing: there is nothing to settle or account for.
    say(
      `${target.name.padEnd(8)} @${String(concurrency).padStart(3)}: ${Math.round(measured302 / elapsed)} req/s (${measured302} × 302, ${errors} errors, ${elapsed.toFixed(1)} s)`,
    );
    return measured;
  }
  const settled = await settle(target, db, answered302);
  tally.answered302 += answered302;
  tally.stored += settled.stored;
  tally.unanswered += loads.reduce((n, load) => n + load.errors, 0);
  tally.lost += Math.max(0, answered302 - settled.stored);
  tally.counted += settled.counted;
  tally.predictedCounted += predicted;
  tally.drainMs = Math.max(tally.drainMs, settled.drainMs);
  measured.at(-1)!.drainSeconds = settled.drainMs / 1000;
  if (target.rollup) {
    // Only Chorus keeps rollups: they must grow by exactly the clicks stored.
    const rollup = await rollupTotals();
    tally.rollupClicks! += rollup.clicks - target.rollup.clicks;
    tally.rollupCounted! += rollup.counted - target.rollup.counted;
    target.rollup = rollup;
  }
  target.lastId = settled.maxId;
  say(
    `${target.name.padEnd(8)} @${String(concurrency).padStart(3)}: ${Math.round(measured302 / elapsed)} req/s (${measured302} × 302, ${errors} errors, ${elapsed.toFixed(1)} s);` +
      ` stored ${settled.stored}/${answered302}, counted ${settled.counted}/${predicted} predicted, drained in ${settled.drainMs.toFixed(0)} ms`,
  );
  return measured;
}

// ── the run ──────────────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  mkdirSync(rawDir, { recursive: true });
  if (process.argv.includes("--cluster")) {
    // Two app servers behind HAProxy beside one, on clusters of its own (scripts/bench-cluster.ts).
    await ensureBuild();
    await clusterBench(say);
    return;
  }
  if (process.argv.includes("--score")) {
    const db = await createDatabase();
    try {
      // The weekly job reads 13 weeks of rollups and about 5 weeks of raw clicks: older raw clicks are not kept.
      const sizes = {
        advocates: number("advocates", 10_000),
        clicks: number("clicks", 10_000_000),
        rawClickDays: number("raw-click-days", 60),
      };
      await scoreBench({ kind: db.kind, open: () => db.open("chorus"), migrate: () => db.migrate() }, sizes, say);
    } finally {
      await db.cleanup();
    }
    return;
  }
  for (const name of Object.keys(PORTS)) rmSync(path.join(rawDir, `${name}.log`), { force: true });
  // The mix's user agents must be classified as the mix assumes, or the predictions below mean nothing.
  if (BROWSERS.some(isCrawler) || !BOTS.every(isCrawler))
    throw new Error("bench-mix user agents disagree with lib/tracking's crawler rule");

  await ensureBuild();

  const db = await createDatabase();
  const targets: Target[] = [];
  const cleanup = async () => {
    await Promise.all(targets.map(stop));
    await db.cleanup();
  };
  process.once("SIGINT", () => void cleanup().finally(() => process.exit(130)));
  try {
    await run(db, targets);
  } finally {
    await cleanup();
  }
}

async function run(db: BenchDatabase, targets: Target[]): Promise<void> {
  say(
    `database: ${db.kind === "postgres" ? "PostgreSQL server (DATABASE_URL), fresh database" : "embedded PGlite, fresh folders"}`,
  );
  db.open("chorus");
  await db.migrate();
  say(`generating ${options.clicks.toLocaleString("en")} clicks (scripts/generate.ts)`);
  const dataset = await generateDataset({ clicks: options.clicks }, (message) => say(`  ${message}`));
  let queries: QueryTimings | null = null;
  if (options.redirect) {
    say(`generated in ${dataset.seconds.toFixed(1)} s; timing the leaderboard and dashboard queries`);
    queries = await timeQueries();
    console.log(`\n${formatQueryTimings(queries)}\n`);
  } else say(`generated in ${dataset.seconds.toFixed(1)} s`);
  // Signed-in sessions for the pages, made before any server runs (a PGlite folder has one user at a time).
  const sessions = options.pages ? await createPageSessions() : null;

  const links = await rows<{ code: string; url: string; network: Network; slug: string | null }>(sql`
    select l.code, p.url, l.network, c.slug from tracked_links l join posts p on p.id = l.post_id
    left join campaigns c on c.id = p.campaign_id
    where p.status = 'approved' order by l.id limit ${options.links}`);
  const codes = links.map((link) => link.code);
  // The ceiling answers from memory: every code's target, as Chorus builds it.
  const linksFile = path.join(rawDir, "ceiling-links.json");
  writeFileSync(
    linksFile,
    JSON.stringify(
      Object.fromEntries(
        links.map((link) => [
          link.code,
          buildTargetUrl(link.url, { network: link.network, code: link.code, campaignSlug: link.slug }),
        ]),
      ),
    ),
  );
  const lastId = await maxClickId();
  const rollup = await rollupTotals();
  await closeDatabase();
  if (db.dataDirs && options.redirect) {
    say("copying the PGlite folder for the baseline");
    cpSync(db.dataDirs.chorus, db.dataDirs.baseline, { recursive: true });
  }

  const secret = randomBytes(32).toString("base64url");
  // CHORUS_JOBS=0: no notification worker, whose first tick would start the weekly digest for every generated
  // advocate (each one a full leaderboard query) in the middle of the measurement.
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    TRUST_PROXY: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_SECRET: secret,
    CHORUS_JOBS: "0",
  };
  delete common.DATABASE_URL;
  delete common.CHORUS_DATA_DIR;
  const scripts: Record<TargetName, string> = {
    chorus: "server.ts",
    baseline: "scripts/bench-baseline.ts",
    ceiling: "scripts/bench-ceiling.ts",
  };
  for (const name of options.redirect ? (["chorus", "baseline", "ceiling"] as const) : (["chorus"] as const)) {
    targets.push({
      name,
      port: PORTS[name],
      script: scripts[name],
      env: {
        ...common,
        ...db.env[name],
        PORT: String(PORTS[name]),
        APP_URL: `http://127.0.0.1:${PORTS[name]}`,
        ...(name === "ceiling" ? { BENCH_LINKS: linksFile } : {}),
      },
      lastId,
      rate: 0,
      rollup: name === "chorus" ? rollup : undefined,
    });
  }
  const chorus = targets[0]!;
  if (db.kind === "postgres") {
    say(`starting ${targets.map((t) => t.script).join(", ")}`);
    await Promise.all(targets.map(start));
    db.open();
  }

  const steps = options.redirect ? await redirectSteps(db, targets, codes) : null;
  await closeDatabase();

  let pages: PageResults | null = null;
  if (sessions) {
    if (!chorus.child) await start(chorus);
    pages = await benchPages(
      { port: chorus.port, sessions, connections: options.pageConcurrency, seconds: options.pageSeconds },
      say,
    );
    if (chorus.died) throw new Error(chorus.died);
  }

  report({ db, dataset, queries, steps, pages });
}

async function redirectSteps(
  db: BenchDatabase,
  targets: Target[],
  codes: string[],
): Promise<{ steps: Step[]; accounting: Accounting[] }> {
  const [chorus, baseline, ceiling] = targets as [Target, Target, Target];
  const steps: Step[] = [];
  const accounting: Accounting[] = [];
  for (const [index, concurrency] of options.concurrency.entries()) {
    // On a server, A B C C B A (half the time each) cancels drift in the machine's load; PGlite restarts each
    // server per slot (so the folder can be read), so there it is one slot each, order alternating by step.
    const order =
      db.kind === "postgres"
        ? [chorus, baseline, ceiling, ceiling, baseline, chorus]
        : index % 2
          ? [ceiling, baseline, chorus]
          : [chorus, baseline, ceiling];
    const slotSeconds = (options.seconds * targets.length) / order.length;
    const measured: Record<TargetName, Load[]> = { chorus: [], baseline: [], ceiling: [] };
    const tallies = {
      chorus: emptyAccounting("chorus", concurrency),
      baseline: emptyAccounting("baseline", concurrency),
      ceiling: null,
    };
    for (const target of order) {
      const warm = measured[target.name].length === 0;
      try {
        measured[target.name].push(
          ...(await runSlot(db, target, concurrency, slotSeconds, warm, codes, tallies[target.name])),
        );
      } catch (error) {
        // This machine is shared: if something else stopped a server mid-slot, restart it and run the slot again.
        if (!(error instanceof ServerDied)) throw error;
        say(`${error.message}; restarting it and repeating this slot`);
        await stop(target);
        if (db.kind === "postgres" || target.name === "ceiling") await start(target);
        measured[target.name].push(
          ...(await runSlot(db, target, concurrency, slotSeconds, true, codes, tallies[target.name])),
        );
      }
    }
    const chorusSide = summarise(measured.chorus);
    const baselineSide = summarise(measured.baseline);
    const ceilingSide = summarise(measured.ceiling);
    steps.push({
      concurrency,
      chorus: chorusSide,
      baseline: baselineSide,
      ceiling: ceilingSide,
      ratio: {
        rps: chorusSide.rps / baselineSide.rps,
        storedPerSecond: chorusSide.storedPerSecond / baselineSide.storedPerSecond,
        p50: chorusSide.p50 / baselineSide.p50,
        p99: chorusSide.p99 / baselineSide.p99,
        ofCeiling: chorusSide.rps / ceilingSide.rps,
      },
    });
    accounting.push(tallies.chorus, tallies.baseline);
  }
  return { steps, accounting };
}

// ── the report ───────────────────────────────────────────────────────────────────────────────────────────

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "–");
const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : "–");
const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en") : "–");
const percent = (value: number) => (Number.isFinite(value) ? `${Math.round(value * 100)}%` : "–");

function report({
  db,
  dataset,
  queries,
  steps: redirect,
  pages,
}: {
  db: BenchDatabase;
  dataset: GeneratedDataset;
  queries: QueryTimings | null;
  steps: { steps: Step[]; accounting: Accounting[] } | null;
  pages: PageResults | null;
}): void {
  const { steps, accounting } = redirect ?? { steps: [], accounting: [] };
  const redirectTable = [
    "| concurrency | Chorus req/s | baseline req/s | req/s ratio | stored/s ratio | Chorus p50 ms | baseline p50 ms | p50 ratio | Chorus p99 ms | baseline p99 ms | p99 ratio | ceiling req/s | Chorus ÷ ceiling |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...steps.map(
      (s) =>
        `| ${s.concurrency} | ${int(s.chorus.rps)} | ${int(s.baseline.rps)} | **${times(s.ratio.rps)}** | ${times(s.ratio.storedPerSecond)} | ${ms(s.chorus.p50)} | ${ms(s.baseline.p50)} | ${times(s.ratio.p50)} | ${ms(s.chorus.p99)} | ${ms(s.baseline.p99)} | **${times(s.ratio.p99)}** | ${int(s.ceiling.rps)} | **${percent(s.ratio.ofCeiling)}** |`,
    ),
  ];
  const accountingTable = [
    "| server | concurrency | answered 302 | unanswered | clicks stored | lost | counted | predicted | rollup clicks / counted | writer drained after |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...accounting.map(
      (a) =>
        `| ${a.target} | ${a.concurrency} | ${int(a.answered302)} | ${a.unanswered ? `**${int(a.unanswered)}**` : "0"} | ${int(a.stored)} | ${a.lost === 0 ? "0" : `**${int(a.lost)}**`} | ${int(a.counted)} | ${int(a.predictedCounted)}${a.counted === a.predictedCounted ? "" : " ≠"} | ${a.rollupClicks === null ? "–" : `${int(a.rollupClicks)} / ${int(a.rollupCounted!)}`} | ${a.target === "chorus" ? `${int(a.drainMs)} ms` : "– (synchronous)"} |`,
    ),
  ];

  const at50 = steps.find((s) => s.concurrency === 50);
  const chorusRows = accounting.filter((a) => a.target === "chorus");
  const lost = chorusRows.reduce((n, a) => n + a.lost, 0);
  const unanswered = chorusRows.reduce((n, a) => n + a.unanswered, 0);
  const miscounted = chorusRows.filter(
    (a) => a.counted !== a.predictedCounted || a.rollupClicks !== a.stored || a.rollupCounted !== a.counted,
  ).length;
  const leaderboard = queries?.queries[0];
  const goals = {
    redirectThroughputAt50: at50
      ? { ratio: at50.ratio.rps, goal: 1.0, floor: 0.5, met: at50.ratio.rps >= 1.0, aboveFloor: at50.ratio.rps >= 0.5 }
      : null,
    redirectP99At50: at50 ? { ratio: at50.ratio.p99, met: at50.ratio.p99 <= 1.0 } : null,
    redirectOfCeilingAt50: at50 ? { ratio: at50.ratio.ofCeiling, goal: 0.5, met: at50.ratio.ofCeiling >= 0.5 } : null,
    clicksLost: redirect ? { lost, unanswered, met: lost === 0 } : null,
    countingRules: redirect ? { stepsMiscounted: miscounted, met: miscounted === 0 } : null,
    leaderboardMs: leaderboard ? { medianMs: leaderboard.medianMs, goal: 50, met: leaderboard.medianMs < 50 } : null,
    pages: pages?.pages
      .filter((p) => p.goal)
      .map((p) => ({ path: p.path, ofSignin: p.ofSignin, goal: p.goal!, met: p.ofSignin >= p.goal! && !p.non200 })),
  };
  const verdict = (met: boolean | undefined) => (met ? "met" : "**missed**");
  const goalLines = [
    at50
      ? `- Redirect throughput at 50 concurrent: ${times(at50.ratio.rps)} the baseline's req/s (goal ≥ 1.0×, floor 0.5×): ${verdict(goals.redirectThroughputAt50!.met)}; counting the time until every click was stored, ${times(at50.ratio.storedPerSecond)}`
      : null,
    at50
      ? `- Redirect p99 at 50 concurrent: ${times(at50.ratio.p99)} the baseline's (goal ≤ 1.0×): ${verdict(goals.redirectP99At50!.met)}`
      : null,
    at50
      ? `- Redirect at 50 concurrent: ${percent(at50.ratio.ofCeiling)} of the in-memory ceiling's req/s (goal ≥ 50%): ${verdict(goals.redirectOfCeilingAt50!.met)}`
      : null,
    redirect
      ? `- Clicks lost (Chorus, all steps): ${lost}: ${verdict(lost === 0)}${unanswered ? ` — but ${unanswered} requests got no answer in 30 s` : ""}`
      : null,
    redirect
      ? `- Counted clicks and rollups as the rules predict (Chorus, all steps): ${verdict(miscounted === 0)}`
      : null,
    leaderboard && queries
      ? `- Leaderboard (${leaderboard.name}) at ${int(queries.clicks)} clicks: ${ms(leaderboard.medianMs)} ms median (goal < 50 ms): ${verdict(leaderboard.medianMs < 50)}`
      : null,
    ...(goals.pages ?? []).map(
      (p) => `- ${p.path}: ${percent(p.ofSignin)} of /signin's req/s (goal ≥ ${percent(p.goal)}): ${verdict(p.met)}`,
    ),
  ].filter(Boolean);

  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "",
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: os.loadavg(),
  };
  const output = [
    "",
    `## Chorus bench — ${new Date().toISOString()}`,
    "",
    `${db.kind === "postgres" ? "PostgreSQL server" : "embedded PGlite (one folder per server)"}; ${machine.cpus} CPUs (${machine.cpuModel}); Node ${machine.node}; load average at the end ${machine.loadAverage.map((l) => l.toFixed(1)).join(" ")}.`,
    ...(redirect
      ? [
          "",
          `### Redirect GET /s/<code> (${options.seconds} s per server per step)`,
          "",
          "Ratios are Chorus ÷ baseline, measured side by side: req/s above 1 and latency below 1 favour Chorus. stored/s counts the time until the",
          "last click answered was in the database (Chorus writes in batches after answering; the baseline before). The ceiling is node:http",
          "answering from a Map in memory, storing nothing (scripts/bench-ceiling.ts).",
          "",
          ...redirectTable,
          "",
          "### Nothing lost, counted as the rules say",
          "",
          ...accountingTable,
        ]
      : []),
    "",
    `### Read side (${int(dataset.clicks)} clicks generated in ${dataset.seconds.toFixed(0)} s)`,
    ...(queries ? ["", formatQueryTimings(queries)] : []),
    ...(pages
      ? [
          "",
          `Pages, each signed in as the role that sees it, ${pages.seconds} s each (half in order, half in reverse order) after a warm-up;`,
          "÷ /signin is the page's req/s over the sign-in page's in the same run. HTML KB: one page as the browser first receives it.",
          "",
          formatPages(pages),
        ]
      : []),
    "",
    "### Goals",
    "",
    ...goalLines,
    "",
    `Bench finished in ${((performance.now() - benchStarted) / 1000).toFixed(0)} s.`,
  ].join("\n");
  console.log(output);

  const results = {
    at: new Date().toISOString(),
    database: db.kind,
    machine,
    options,
    dataset,
    redirect: steps,
    accounting,
    queries,
    pages,
    goals,
    seconds: (performance.now() - benchStarted) / 1000,
  };
  mkdirSync("bench", { recursive: true });
  // A partial run (--pages, --redirect) does not overwrite the full run's results.
  const name = options.pages && options.redirect ? "results" : options.pages ? "results-pages" : "results-redirect";
  writeFileSync(`bench/${name}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(rawDir, `${name}-${db.kind}.md`), `${output}\n`);
}

await main();
