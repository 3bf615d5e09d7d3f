import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import { getDb, rows } from "@/db/client";

/**
 * The bench's pages section: each page people look at, signed in as a person of the role that sees it, at the
 * same concurrency beside the sign-in page (the lightest page Chorus renders) in the same run, so every figure
 * is also a ratio to /signin that holds on a noisy machine. Sessions are database rows, as Auth.js makes them
 * when a sign-in link is followed; the cookie is Auth.js's (APP_URL is http, so without the __Secure- prefix).
 */
export type PageRole = "none" | "advocate" | "leader" | "curator";
export type PageSessions = Record<Exclude<PageRole, "none">, { email: string; cookie: string }>;

export const PAGES: { path: string; role: PageRole; goal?: number }[] = [
  { path: "/signin", role: "none" },
  { path: "/feed", role: "advocate", goal: 0.5 },
  { path: "/leaderboard", role: "advocate", goal: 0.5 },
  { path: "/me", role: "advocate", goal: 0.5 },
  { path: "/dashboard", role: "leader", goal: 1 / 3 },
  { path: "/library", role: "curator", goal: 1 / 3 },
];

export type PageResult = {
  path: string;
  role: PageRole;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers other than 200 (a redirect to sign-in would mean the session did not hold). */
  non200: number;
  errors: number;
  htmlBytes: number;
  /** req/s ÷ /signin's req/s in the same run. */
  ofSignin: number;
  goal?: number;
};
export type PageResults = { connections: number; seconds: number; pages: PageResult[] };

/**
 * The people the pages are looked at as: a generated advocate with clicks (feed, leaderboard, my stats), a new
 * leader (dashboard) and a new curator (library), each with a session valid for a day.
 */
export async function createPageSessions(): Promise<PageSessions> {
  const [advocate] = await rows<{ id: string; email: string }>(sql`
    select u.id, u.email from users u
    where u.email like 'gen-%' and not u.hide_name and u.active
      and exists (select 1 from tracked_links l where l.advocate_id = u.id)
    order by u.email limit 1`);
  if (!advocate) throw new Error("no generated advocate to sign in as");
  const tag = randomBytes(3).toString("hex");
  const person = async (role: "leader" | "curator") => {
    const email = `bench-${role}-${tag}@bench.chorus.local`;
    const [row] = await rows<{ id: string }>(sql`
      insert into users (id, name, email, roles, email_verified)
      values (gen_random_uuid()::text, ${`Bench ${role}`}, ${email}, ${`{advocate,${role}}`}::text[], now())
      returning id`);
    return { id: row!.id, email };
  };
  const people = { advocate, leader: await person("leader"), curator: await person("curator") };
  const sessions = {} as PageSessions;
  for (const [role, { id, email }] of Object.entries(people) as [keyof PageSessions, { id: string; email: string }][]) {
    const token = randomBytes(32).toString("hex");
    await getDb().execute(
      sql`insert into sessions (session_token, user_id, expires) values (${token}, ${id}, now() + interval '1 day')`,
    );
    sessions[role] = { email, cookie: `authjs.session-token=${token}` };
  }
  return sessions;
}

type Run = { latencies: number[]; statuses: Map<number, number>; errors: number; seconds: number };

/**
 * Exactly `amount` requests from `connections` keep-alive connections: every one is answered and timed (a run
 * cut off after a duration would drop the slow answers still in flight, and flatter a slow page).
 */
async function load(url: string, cookie: string | undefined, connections: number, amount: number): Promise<Run> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const started = performance.now();
  let lastAt = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: Math.min(connections, amount), amount, timeout: 60, headers: cookie ? { cookie } : {} },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status, _bytes, ms) => {
      latencies.push(ms);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      lastAt = performance.now();
    });
  });
  return { latencies, statuses, errors: result.errors, seconds: (lastAt - started) / 1000 };
}

/** One GET as a browser would make it: the page must answer 200 as the signed-in person, not the sign-in form. */
async function check(origin: string, page: (typeof PAGES)[number], sessions: PageSessions): Promise<number> {
  const session = page.role === "none" ? undefined : sessions[page.role];
  const response = await fetch(`${origin}${page.path}`, {
    redirect: "manual",
    headers: session ? { cookie: session.cookie } : {},
  });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${page.path} answered ${response.status}, not 200`);
  if (session && !html.includes(session.email))
    throw new Error(`${page.path} did not render for ${session.email}: is the session cookie right?`);
  return Buffer.byteLength(html);
}

/**
 * Every page warms up (which also measures its rate), then is measured twice for about half the time each, in
 * order and then in reverse order, so drift in the machine's load falls on every page alike.
 */
export async function benchPages(
  {
    port,
    sessions,
    connections,
    seconds,
  }: { port: number; sessions: PageSessions; connections: number; seconds: number },
  say: (message: string) => void,
): Promise<PageResults> {
  const origin = `http://127.0.0.1:${port}`;
  const weights = new Map<string, number>();
  for (const page of PAGES) weights.set(page.path, await check(origin, page, sessions));
  const runs = new Map<string, Run[]>(PAGES.map((page) => [page.path, []]));
  const cookie = (page: (typeof PAGES)[number]) => (page.role === "none" ? undefined : sessions[page.role].cookie);
  const rates = new Map<string, number>();
  for (const page of PAGES) {
    const warmup = await load(`${origin}${page.path}`, cookie(page), connections, connections * 3);
    rates.set(page.path, warmup.latencies.length / warmup.seconds);
  }
  for (const page of [...PAGES, ...[...PAGES].reverse()]) {
    const amount = Math.max(connections * 2, Math.round((rates.get(page.path)! * seconds) / 2));
    const run = await load(`${origin}${page.path}`, cookie(page), connections, amount);
    runs.get(page.path)!.push(run);
    const ok = run.statuses.get(200) ?? 0;
    if (run.seconds > 0) rates.set(page.path, run.latencies.length / run.seconds);
    say(`page ${page.path.padEnd(12)} @${connections}: ${Math.round(ok / run.seconds)} req/s (${ok} × 200)`);
  }
  const results = PAGES.map((page): PageResult => {
    const all = runs.get(page.path)!;
    const latencies = all.flatMap((run) => run.latencies).sort((a, b) => a - b);
    const ok = all.reduce((n, run) => n + (run.statuses.get(200) ?? 0), 0);
    const requests = all.reduce((n, run) => n + run.latencies.length, 0);
    const at = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? NaN;
    return {
      path: page.path,
      role: page.role,
      requests,
      rps: ok / all.reduce((s, run) => s + run.seconds, 0),
      p50: at(50),
      p99: at(99),
      non200: requests - ok,
      errors: all.reduce((n, run) => n + run.errors, 0),
      htmlBytes: weights.get(page.path)!,
      ofSignin: Number.NaN,
      goal: page.goal,
    };
  });
  const signin = results.find((r) => r.path === "/signin")!;
  for (const result of results) result.ofSignin = result.rps / signin.rps;
  return { connections, seconds, pages: results };
}

export function formatPages({ connections, pages }: PageResults): string {
  const pct = (value: number) => (Number.isFinite(value) ? `${Math.round(value * 100)}%` : "–");
  return [
    `| page (${connections} concurrent) | signed in as | req/s | ÷ /signin | goal | p50 ms | p99 ms | HTML KB | not 200 |`,
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...pages.map(
      (p) =>
        `| ${p.path} | ${p.role === "none" ? "nobody" : p.role} | ${p.rps.toFixed(1)} | **${pct(p.ofSignin)}** | ${p.goal ? `≥ ${pct(p.goal)}${p.ofSignin >= p.goal ? " met" : " **missed**"}` : ""} | ${p.p50.toFixed(0)} | ${p.p99.toFixed(0)} | ${(p.htmlBytes / 1024).toFixed(1)} | ${p.non200 + p.errors ? `**${p.non200 + p.errors}**` : "0"} |`,
    ),
  ].join("\n");
}
