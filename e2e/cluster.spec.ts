import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import {
  type AppServer,
  type Cluster,
  clusterUnavailable,
  startAppServer,
  startCluster,
  waitForOk,
  waitForReplica,
} from "../scripts/cluster";

// The production topology on this machine (scripts/cluster.ts): HAProxy in front of two app servers, a
// PostgreSQL primary and a streaming replica. Share → clicks through the balancer on both servers, one server
// SIGKILLed mid-burst and started again on its data (its click journal) → the leaderboard export, read from
// the replica once it has caught up: totals exact, no answered click lost. Its own clusters, so it runs once,
// in the PostgreSQL run of the suite; ports after the shared e2e server's (CLUSTER_PORT, CLUSTER_PG_PORT).
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const APP_PORT = Number(process.env.CLUSTER_PORT ?? E2E_PORT + 10);
const PG_PORT = Number(process.env.CLUSTER_PG_PORT ?? E2E_PORT + 13);
const EMBED_ORIGIN = "http://127.0.0.1:3199";
const CLICKS = 600;
const KILL_AFTER = 200;
const CONCURRENCY = 16;

const reason = !process.env.DATABASE_URL
  ? "starts its own PostgreSQL clusters: runs once, in the PostgreSQL run"
  : clusterUnavailable();

type Health = { ok: boolean; replica: unknown; clicks: { queue: number; journal: { backlog: number } } };
const health = (port: number) =>
  fetch(`http://127.0.0.1:${port}/api/health`).then(
    (r) => r.json() as Promise<Health>,
    () => null,
  );

test("two servers behind HAProxy, a replica for reports: one server killed mid-burst, every answered click counted once", async () => {
  test.skip(!!reason, reason ?? "");
  test.setTimeout(480_000);
  let cluster: Cluster | undefined;
  let restarted: AppServer | undefined;
  const primary = { sql: undefined as postgres.Sql | undefined };
  try {
    cluster = await startCluster(
      { app: APP_PORT, pg: PG_PORT },
      { servers: 2, env: { CHORUS_EMBED_ORIGINS: EMBED_ORIGIN } },
    );
    const lb = cluster.balancer.url;
    const [app1, app2] = cluster.servers as [AppServer, AppServer];
    primary.sql = postgres(cluster.primary.url, { max: 2, onnotice: () => {} });
    const sql = primary.sql;

    // Signed in as the seeded advocate and admin (sessions are rows: any server reads them).
    const signIn = async (email: string) => {
      const token = `cluster-${randomBytes(16).toString("hex")}`;
      await sql`insert into sessions (session_token, user_id, expires)
                select ${token}, id, now() + interval '1 day' from users where email = ${email}`;
      return `authjs.session-token=${token}`;
    };
    const advocate = await signIn("noor@chorus.local");
    const admin = await signIn("admin@chorus.local");
    const [post] = await sql<{ id: number }[]>`
      select id from posts where status = 'approved' and audience = 'all'
        and (publish_at is null or publish_at <= now()) and (expire_at is null or expire_at > now())
      order by id limit 1`;
    expect(post).toBeTruthy();

    // Share, through the balancer.
    const shared = await fetch(`${lb}/api/share`, {
      method: "POST",
      headers: { cookie: advocate, origin: lb, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ postId: post!.id, network: "email" }),
    });
    expect(shared.status, await shared.clone().text()).toBe(200);
    const { code } = (await shared.json()) as { code: string };
    const [link] = await sql<{ advocate_id: string; id: number }[]>`
      select advocate_id, id from tracked_links where code = ${code}`;
    const advocateId = link!.advocate_id;
    const linkId = link!.id;
    const before = await totalsOf(advocateId, linkId);

    // Each server knows the link before the burst (a cold lookup on a busy machine may answer 503: retried).
    let answered = 0;
    for (const server of [app1, app2]) {
      await expect
        .poll(async () => {
          const status = (
            await fetch(`http://127.0.0.1:${server.port}/s/${code}`, {
              redirect: "manual",
              headers: visitor(-1 - server.port),
            })
          ).status;
          if (status === 302) answered++;
          return status;
        })
        .toBe(302);
    }

    // The burst through the balancer; app1 is SIGKILLed once KILL_AFTER redirects are back, with the rest in flight.
    const servedBy = new Map<string, number>();
    let sent = 0;
    let failed = 0;
    let killedAt = -1;
    const worker = async () => {
      while (sent < CLICKS) {
        const n = sent++;
        const response = await fetch(`${lb}/s/${code}`, { redirect: "manual", headers: visitor(n) }).catch(() => null);
        if (response?.status === 302) {
          answered++;
          const server = response.headers.get("x-chorus-server") ?? "?";
          servedBy.set(server, (servedBy.get(server) ?? 0) + 1);
          if (answered >= KILL_AFTER && killedAt < 0) {
            killedAt = answered;
            app1.child.kill("SIGKILL");
          }
        } else failed++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await app1.exited;
    expect(killedAt).toBeGreaterThan(0);
    test.info().annotations.push({
      type: "burst",
      description: `${answered} redirects answered (${JSON.stringify(Object.fromEntries(servedBy))}), ${failed} not (in flight when app1 died); app1 killed after ${killedAt}`,
    });
    expect(servedBy.get("app1")).toBeGreaterThan(0);
    expect(servedBy.get("app2")).toBeGreaterThan(0);
    // HAProxy sends the requests app1 refuses to app2. What may fail: those in flight at the kill, and those HAProxy
    // had already sent over a kept-alive connection to app1 before it saw that connection close (it retries only
    // refused connections, never a request app1 may have answered). On a loaded machine that second group was
    // seen to add 2 to the 16 in flight; a few per worker at most, so failures stay a small part of the burst.
    expect(failed).toBeLessThanOrEqual(2 * CONCURRENCY);

    // app1 starts again on its data folder: it replays its journal. Then both have written everything.
    restarted = startAppServer("app1", app1.port, app1.dataDir, cluster.env);
    await waitForOk(`http://127.0.0.1:${app1.port}/api/health`, 180_000, restarted.exited);
    for (const port of [app1.port, app2.port]) {
      await expect
        .poll(
          async () => {
            const h = await health(port);
            return h ? h.clicks.queue + h.clicks.journal.backlog : -1;
          },
          { timeout: 60_000 },
        )
        .toBe(0);
    }

    // On the primary: every answered click, in the clicks and in the rollup alike. A request in flight when app1
    // died may have been journaled (so written) without its answer reaching the client: those, and only those,
    // may add to the answered ones.
    const after = await totalsOf(advocateId, linkId);
    const added = after.clicks - before.clicks;
    expect({
      countedClicks: after.countedClicks - before.countedClicks,
      rollupClicks: after.rollupClicks - before.rollupClicks,
      rollupCounted: after.rollupCounted - before.rollupCounted,
    }).toEqual({ countedClicks: added, rollupClicks: added, rollupCounted: added });
    expect(added).toBeGreaterThanOrEqual(answered);
    expect(added).toBeLessThanOrEqual(answered + failed);
    test.info().annotations.push({ type: "stored", description: `${added} clicks written for ${answered} answered` });

    // The report, through the balancer, from the replica once it has replayed what the primary has written.
    await waitForReplica(cluster.primary.url, cluster.replica.url);
    const exported = await fetch(`${lb}/api/export/leaderboard?period=all`, { headers: { cookie: admin } });
    expect(exported.status).toBe(200);
    const board = parse(await exported.text(), { columns: true, bom: true }) as Record<string, string>[];
    const noor = board.find((row) => row.Advocate === "Noor Network");
    expect(Number(noor?.["Counted clicks"])).toBe(after.rollupCounted);
    expect(await health(app2.port)).toMatchObject({ ok: true, replica: { database: "up" } });

    // The embed endpoint's limit (20 a minute per address) holds for both servers together.
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) {
      const r = await fetch(`${lb}/api/embed/links`, {
        method: "POST",
        headers: { origin: EMBED_ORIGIN, "content-type": "application/json" },
        body: "{}",
      });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);

    async function totalsOf(advocateId: string, linkId: number) {
      const [raw] = await sql<{ clicks: number; counted: number }[]>`
        select count(*)::int as clicks, count(*) filter (where counted)::int as counted from clicks where link_id = ${linkId}`;
      const [rollup] = await sql<{ clicks: number; counted: number }[]>`
        select coalesce(sum(clicks), 0)::int as clicks, coalesce(sum(counted_clicks), 0)::int as counted
        from rollup_daily where advocate_id = ${advocateId}`;
      return {
        clicks: raw?.clicks ?? 0,
        countedClicks: raw?.counted ?? 0,
        rollupClicks: rollup?.clicks ?? 0,
        rollupCounted: rollup?.counted ?? 0,
      };
    }
  } finally {
    await primary.sql?.end({ timeout: 5 });
    if (restarted) {
      restarted.child.kill("SIGTERM");
      await restarted.exited;
    }
    await cluster?.stop();
  }
});

/** A distinct visitor per click (its own user agent), so every answered click is a counted one. */
function visitor(n: number): Record<string, string> {
  return { "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 cluster-visitor-${n}` };
}
