import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import postgres from "postgres";
import { type AppServer, clusterUnavailable, startAppServer, startCluster, waitForOk } from "./cluster";

/**
 * `npm run bench -- --cluster [--concurrency 50] [--seconds 10]`: redirects on one app server beside two app
 * servers behind HAProxy (scripts/cluster.ts: primary, replica, HAProxy), in one run on the same primary and
 * the same links, taking turns so they never compete: req/s, p50/p99 and clicks lost (302s answered whose
 * click is not on the primary once the writers have drained). Writes bench/cluster.json.
 */
type Side = {
  name: string;
  requests: number;
  answered302: number;
  stored: number;
  rps: number;
  p50: number;
  p99: number;
  lost: number;
};

const SETTLE_TIMEOUT_MS = 120_000;

function listOption(name: string, fallback: number[]): number[] {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1]!.split(",").map(Number) : fallback;
}

export async function clusterBench(say: (message: string) => void): Promise<void> {
  const unavailable = clusterUnavailable();
  if (unavailable) throw new Error(`bench --cluster: ${unavailable}`);
  const concurrencies = listOption("concurrency", [50]);
  const [seconds = 10] = listOption("seconds", [10]);
  const app = Number(process.env.CLUSTER_PORT ?? 3303);
  const pg = Number(process.env.CLUSTER_PG_PORT ?? 5447);
  say(
    `starting: primary :${pg}, replica :${pg + 1}, app servers :${app} :${app + 1}, HAProxy :${app + 2}, one server :${app + 3}`,
  );
  const cluster = await startCluster({ app, pg }, { servers: 2 });
  let solo: AppServer | undefined;
  const sql = postgres(cluster.primary.url, { max: 2, onnotice: () => {} });
  try {
    solo = startAppServer("solo", app + 3, path.join(cluster.servers[0]!.dataDir, "..", "solo"), cluster.env);
    await waitForOk(`http://127.0.0.1:${solo.port}/api/health`, 180_000, solo.exited);
    const codes = (
      await sql<{ code: string }[]>`
        select l.code from tracked_links l join posts p on p.id = l.post_id where p.status = 'approved'`
    ).map((r) => r.code);
    const targets = [
      { name: "one server", url: `http://127.0.0.1:${solo.port}`, servers: [solo] },
      { name: "2 servers + HAProxy", url: cluster.balancer.url, servers: cluster.servers },
    ];
    const results: (Side & { concurrency: number })[] = [];
    let visitor = 0;
    /** Load from `concurrency` connections, each request a new visitor on the next link; counts the 302s. */
    const fire = async (url: string, concurrency: number, limit: { duration: number } | { amount: number }) => {
      let answered302 = 0;
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections: concurrency,
            ...limit,
            timeout: 30,
            requests: [
              {
                method: "GET",
                setupRequest: (request) => {
                  const n = visitor++;
                  return {
                    ...request,
                    path: `/s/${codes[n % codes.length]}`,
                    headers: {
                      ...request.headers,
                      "user-agent": `Mozilla/5.0 (X11; Linux x86_64) Chrome/150.0 v${n}`,
                    },
                  };
                },
              },
            ],
          },
          (error, done) => (error ? reject(error) : resolve(done)),
        );
        instance.on("response", (_client, status) => {
          if (status === 302) answered302++;
        });
      });
      return { result, answered302 };
    };
    /** Until every server of the target has written its queue and emptied its journal. */
    const drained = async (servers: AppServer[]) => {
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (const server of servers) {
        for (;;) {
          const health = (await fetch(`http://127.0.0.1:${server.port}/api/health`).then(
            (r) => r.json(),
            () => null,
          )) as { clicks: { queue: number; journal: { backlog: number } } } | null;
          if (health && health.clicks.queue + health.clicks.journal.backlog === 0) break;
          if (Date.now() > deadline) throw new Error(`${server.name} did not drain its clicks`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    for (const target of targets) await fire(target.url, 10, { amount: 2_000 });
    for (const concurrency of concurrencies) {
      for (const target of targets) {
        await drained(target.servers);
        const [first] = await sql<{ max: number }[]>`select coalesce(max(id), 0)::int as max from clicks`;
        const before = first?.max ?? 0;
        const { result, answered302 } = await fire(target.url, concurrency, { duration: seconds });
        // Lost: answered 302s not on the primary once the servers have written everything. Stored may exceed the
        // 302s by the requests still in flight when the run's time ran out (answered, but not counted here).
        await drained(target.servers);
        const [row] = await sql<{ n: number }[]>`select count(*)::int as n from clicks where id > ${before}`;
        const stored = row?.n ?? 0;
        const side = {
          concurrency,
          name: target.name,
          requests: result.requests.total,
          answered302,
          stored,
          rps: answered302 / seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          lost: Math.max(0, answered302 - stored),
        };
        results.push(side);
        say(
          `${target.name.padEnd(20)} @${concurrency}: ${Math.round(side.rps)} req/s, p50 ${side.p50} ms, p99 ${side.p99} ms, ${answered302} × 302, ${stored} stored, ${side.lost} lost`,
        );
      }
    }
    console.log(
      [
        "",
        "| concurrency | target | 302/s | p50 ms | p99 ms | 302s | stored | lost |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ...results.map(
          (r) =>
            `| ${r.concurrency} | ${r.name} | ${Math.round(r.rps).toLocaleString("en")} | ${r.p50} | ${r.p99} | ${r.answered302.toLocaleString("en")} | ${r.stored.toLocaleString("en")} | ${r.lost} |`,
        ),
        "",
      ].join("\n"),
    );
    mkdirSync("bench", { recursive: true });
    writeFileSync(
      "bench/cluster.json",
      `${JSON.stringify({ at: new Date().toISOString(), seconds, results }, null, 2)}\n`,
    );
  } finally {
    await sql.end({ timeout: 5 });
    if (solo) {
      solo.child.kill("SIGTERM");
      await solo.exited;
    }
    await cluster.stop();
  }
}
