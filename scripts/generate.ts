import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { closeDatabase, getDb, migrateDatabase, rows } from "@/db/client";
import { rebuildOutcomeRollups } from "@/lib/outcomes/rollup";
import { rebuildMonthlyRollups } from "@/lib/rollup-rows";

/**
 * Fills a database with a large, realistic data set for the bench: advocates in teams, posts in campaigns,
 * tracked links with their shares, reported reshares, raw clicks and the rollup_daily rows those imply.
 * Everything is made inside the database (INSERT … SELECT generate_series), so 1M clicks take seconds, and
 * every "random" choice is a hash of the row number, so two runs with the same sizes make the same shape.
 *
 *   tsx scripts/generate.ts [--advocates 2000] [--posts 5000] [--clicks 1000000] [--no-time]
 */
export type GenerateOptions = {
  advocates: number;
  posts: number;
  clicks: number;
  sharesPerAdvocate: number;
  conversions: number;
  /**
   * Keep only the last N days of raw clicks (the weekly score job reads ~5 weeks of them); the rollups still
   * count every click. Generating 10M raw clicks with their indexes takes most of an hour on 2 cores; this
   * makes the same rollups in minutes. Unset: every click is stored raw.
   */
  rawClickDays?: number;
};
export type GeneratedDataset = {
  tag: string;
  advocates: number;
  posts: number;
  links: number;
  clicks: number;
  rollupRows: number;
  seconds: number;
};

export const DEFAULT_SIZES: GenerateOptions = {
  advocates: 2_000,
  posts: 5_000,
  clicks: 1_000_000,
  sharesPerAdvocate: 25,
  conversions: 100_000,
};

const TEAMS = 20;
const CAMPAIGNS = 50;
const CLICK_CHUNK = 250_000;
const NETWORKS = "array['linkedin','linkedin','linkedin','x','x','facebook','email','copy']::network[]";

/** A uniform number in [0, 1) from row number `n` and stream `k`: deterministic, unlike random(). */
const unit = (n: string, k: number) => `((hashint8(${n}::bigint * 64 + ${k}) & 2147483647)::float8 / 2147483648.0)`;

export async function generateDataset(
  options: Partial<GenerateOptions> = {},
  progress: (message: string) => void = () => {},
): Promise<GeneratedDataset> {
  const { advocates, posts, clicks, sharesPerAdvocate, conversions, rawClickDays } = { ...DEFAULT_SIZES, ...options };
  if (sharesPerAdvocate > posts) throw new Error("sharesPerAdvocate cannot exceed posts");
  const started = performance.now();
  const db = getDb();
  const exec = (query: string) => db.execute(sql.raw(query));
  // A tag keeps this data set's emails, slugs and codes apart from anything already in the database.
  const tag = randomBytes(3).toString("hex");
  const links = advocates * sharesPerAdvocate;
  const [{ time_zone: timeZone } = { time_zone: "UTC" }] = await rows<{ time_zone: string }>(
    sql`select time_zone from settings where id = 1`,
  );
  const tz = timeZone.replace(/'/g, "''");

  await exec(
    `insert into teams (name) select 'Team ${tag}-' || lpad(i::text, 2, '0') from generate_series(1, ${TEAMS}) i`,
  );
  await exec(`
    insert into users (id, name, email, roles, team_id, hide_name, email_verified, created_at)
    select gen_random_uuid()::text, 'Advocate ' || i, 'gen-${tag}-' || i || '@bench.chorus.local', '{advocate}',
           (select id from teams where name = 'Team ${tag}-' || lpad((1 + i % ${TEAMS})::text, 2, '0')),
           ${unit("i", 1)} < 0.05, now(), now() - interval '400 days'
    from generate_series(1, ${advocates}) i`);
  await exec(
    `create temp table gen_advocates as select row_number() over (order by email) - 1 as n, id from users where email like 'gen-${tag}-%'`,
  );
  // Temporary tables have no statistics until analysed: without them the joins below plan as nested loops.
  await exec(`create unique index on gen_advocates (n)`);
  await exec(`analyze gen_advocates`);
  await exec(`
    insert into campaigns (name, slug, starts_on, ends_on, click_goal)
    select 'Campaign ' || i, 'gen-${tag}-' || i, current_date - (i * 7), current_date - (i * 7) + 60, 1000 * i
    from generate_series(1, ${CAMPAIGNS}) i`);
  progress(`advocates, teams and campaigns (tag ${tag})`);

  // Posts published evenly over the past year; 5% since archived, 60% in a campaign.
  await exec(`
    insert into posts (title, url, commentary, campaign_id, status, publish_at, author_id, approved_by_id, approved_at, created_at, updated_at)
    select 'Post ' || i, 'https://example.com/news/${tag}/' || i || '?ref=newsroom', 'Worth a read.',
           case when ${unit("i", 2)} < 0.6 then (select id from campaigns where slug = 'gen-${tag}-' || (1 + i % ${CAMPAIGNS})) end,
           case when ${unit("i", 3)} < 0.05 then 'archived' else 'approved' end::post_status,
           published, a.id, a.id, published, published, published
    from generate_series(1, ${posts}) i
    cross join lateral (select now() - interval '365 days' * (1 - i::float8 / ${posts}) as published) p
    cross join (select id from gen_advocates where n = 0) a`);
  await exec(
    `create temp table gen_posts as select row_number() over (order by id) - 1 as n, id, publish_at from posts where url like 'https://example.com/news/${tag}/%'`,
  );
  await exec(`create unique index on gen_posts (n)`);
  await exec(`analyze gen_posts`);
  progress(`${posts.toLocaleString()} posts`);

  // Each advocate shares distinct posts (k·101 mod posts never repeats for k < posts/gcd): one link and one share each.
  await exec(`
    create temp table gen_links as
    select i - 1 as n, substr(md5('${tag}:' || i), 1, 12) as code, a.id as advocate_id, p.id as post_id,
           (${NETWORKS})[1 + (hashint8(i::bigint) & 7)] as network,
           least(now() - interval '1 hour', p.publish_at + interval '1 second' * (${unit("i", 4)} * 14 * 86400)) as shared_at
    from generate_series(1, ${links}) i
    join gen_advocates a on a.n = (i - 1) % ${advocates}
    join gen_posts p on p.n = ((a.n * 37 + ((i - 1) / ${advocates}) * 101) % ${posts})`);
  await exec(`
    insert into tracked_links (code, advocate_id, post_id, network, origin, created_at)
    select code, advocate_id, post_id, network, 'share', shared_at from gen_links order by n`);
  await exec(`alter table gen_links add column link_id integer`);
  await exec(`update gen_links g set link_id = l.id from tracked_links l where l.code = g.code`);
  await exec(`create index on gen_links (n)`);
  await exec(`analyze gen_links`);
  await exec(
    `insert into shares (advocate_id, post_id, network, link_id, earns_points, created_at) select advocate_id, post_id, network, link_id, true, shared_at from gen_links order by n`,
  );
  // 5% of links were reshared onward, reported by an integration with a count.
  await exec(`
    insert into reshares (link_id, advocate_id, kind, event_id, count, created_at)
    select link_id, advocate_id, 'reported', 'gen-${tag}-' || n, 1 + (hashint8(n * 3) & 3), least(now(), shared_at + interval '1 day')
    from gen_links where ${unit("n", 5)} < 0.05`);
  progress(`${links.toLocaleString()} tracked links and shares`);

  // Clicks: a few links are hot (u^3 skew), each link's clicks decay over the days after its share,
  // 80% counted, the rest duplicates, bots and own clicks; inserted in time order as they would arrive.
  // Some visitors come back on other links: 0.7 visitors per click.
  const visitors = Math.max(1, Math.floor(clicks * 0.7));
  // With rawClickDays, clicks are made in an unindexed temporary table first: the rollups count them all, and only
  // the recent ones are copied into clicks.
  const clickTable = rawClickDays === undefined ? "clicks" : "gen_clicks";
  if (clickTable === "gen_clicks")
    await exec(`
      create temp table gen_clicks as
      select link_id, clicked_at, counted, reason, visitor_hash, country, device, referrer_host from clicks with no data`);
  for (let from = 1; from <= clicks; from += CLICK_CHUNK) {
    const to = Math.min(clicks, from + CLICK_CHUNK - 1);
    await exec(`
      insert into ${clickTable} (link_id, clicked_at, counted, reason, visitor_hash, country, device, referrer_host)
      select g.link_id, t.at, c.reason = 'counted', c.reason, substr(md5('${tag}:v' || (c.j % ${visitors})), 1, 22),
             (array['US','US','DE','GB','FR','PT','IN','BR'])[1 + (hashint8(c.j * 5) & 7)],
             case when c.reason = 'bot' then 'bot' when ${unit("c.j", 6)} < 0.55 then 'mobile' when ${unit("c.j", 6)} < 0.62 then 'tablet' else 'desktop' end::device_class,
             case g.network when 'linkedin' then 'www.linkedin.com' when 'x' then 't.co' when 'facebook' then 'l.facebook.com' end
      from (
        select j, floor(${links} * power(${unit("j", 7)}, 3))::int as n,
               case when ${unit("j", 8)} < 0.80 then 'counted' when ${unit("j", 8)} < 0.90 then 'duplicate' when ${unit("j", 8)} < 0.98 then 'bot' else 'own' end::click_reason as reason,
               -ln(1 - ${unit("j", 9)}) * 1.5 * 86400 as delay
        from generate_series(${from}::bigint, ${to}::bigint) j
      ) c
      join gen_links g on g.n = c.n
      cross join lateral (select least(now() - interval '1 minute', g.shared_at + interval '1 second' * c.delay) as at) t
      order by t.at`);
    progress(`${to.toLocaleString()} clicks`);
  }
  if (clickTable === "gen_clicks") {
    await exec(`
      insert into clicks (link_id, clicked_at, counted, reason, visitor_hash, country, device, referrer_host)
      select link_id, clicked_at, counted, reason, visitor_hash, country, device, referrer_host from gen_clicks
      where clicked_at >= now() - interval '${Number(rawClickDays)} days' order by clicked_at`);
    progress(`raw clicks of the last ${rawClickDays} days kept`);
  }

  // The rollup the app would have written: shares and reshares on their day, clicks on theirs. The tables derived
  // from it (rollup_totals, the monthly and per-dimension ones) are kept by row triggers, which for millions of rows
  // take most of an hour: they are off (replica role) while the generator writes, and rebuilt in bulk below.
  await exec(`set session_replication_role = replica`);
  await exec(`
    insert into rollup_daily (day, advocate_id, post_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
    select day, advocate_id, post_id, network, sum(shares), sum(shares), sum(clicks), sum(counted), sum(reshares)
    from (
      select (g.shared_at at time zone '${tz}')::date as day, g.advocate_id, g.post_id, g.network, 1 as shares, 0 as clicks, 0 as counted, 0 as reshares
      from gen_links g
      union all
      select (c.clicked_at at time zone '${tz}')::date, g.advocate_id, g.post_id, g.network, 0, count(*), count(*) filter (where c.counted), 0
      from ${clickTable} c join gen_links g on g.link_id = c.link_id
      group by 1, 2, 3, 4
      union all
      select (r.created_at at time zone '${tz}')::date, g.advocate_id, g.post_id, g.network, 0, 0, 0, r.count
      from reshares r join gen_links g on g.link_id = r.link_id
    ) daily
    group by 1, 2, 3, 4
    on conflict (day, advocate_id, post_id, network) do update set
      shares = rollup_daily.shares + excluded.shares, scored_shares = rollup_daily.scored_shares + excluded.scored_shares,
      clicks = rollup_daily.clicks + excluded.clicks, counted_clicks = rollup_daily.counted_clicks + excluded.counted_clicks,
      reshares = rollup_daily.reshares + excluded.reshares`);
  // Conversions: deals on links (hot links convert more, u^2), each a lead; 40% reach opportunity and 20% won,
  // with amounts in EUR (80%) or USD; 10% unattributed. Rows ≈ 1.6 × deals; the outcome rollup is the rebuild.
  const deals = Math.max(1, Math.round(conversions / 1.6));
  await exec(`
    create temp table gen_deals as
    select d, least(now(), g.shared_at + (${unit("d", 21)} * 60) * interval '1 day') as at,
           case when ${unit("d", 22)} < 0.1 then null else g.link_id end as link_id, g.advocate_id, g.post_id, g.network, g.code,
           ${unit("d", 23)} as stage, case when ${unit("d", 24)} < 0.8 then 'EUR' else 'USD' end as currency,
           round((500 + ${unit("d", 25)} * 50000)::numeric, 2) as amount
    from generate_series(1, ${deals}) d
    join gen_links g on g.n = 1 + floor(power(${unit("d", 20)}, 2) * ${links})::int`);
  await exec(`
    insert into conversions (kind, external_id, amount, currency, occurred_at, code, link_id, advocate_id, post_id,
                             network, source, is_new, reached_lead, reached_opportunity, reached_won, created_at)
    select k.kind, 'gen-${tag}-' || d.d, case when k.kind = 'lead' then null else d.amount end,
           case when k.kind = 'lead' then null else d.currency end, d.at + k.step * interval '3 days',
           case when d.link_id is null then 'gen${tag}' else d.code end, d.link_id,
           case when d.link_id is null then null else d.advocate_id end,
           case when d.link_id is null then null else d.post_id end,
           case when d.link_id is null then null else d.network end,
           'server', k.step = 0, k.kind = 'lead', k.kind = 'opportunity', k.kind = 'won', d.at
    from gen_deals d
    join (values ('lead', 0, 1.0), ('opportunity', 1, 0.4), ('won', 2, 0.2)) k(kind, step, share) on d.stage < k.share`);
  await exec(`drop table gen_deals`);
  await getDb().transaction((tx) => rebuildOutcomeRollups(tx));
  progress(`${deals.toLocaleString()} deals as conversions, and their outcome rollup`);
  await getDb().transaction(async (tx) => {
    await tx.execute(sql`delete from rollup_totals`);
    await tx.execute(sql`
      insert into rollup_totals (advocate_id, network, shares, scored_shares, clicks, counted_clicks, reshares)
      select advocate_id, network, sum(shares), sum(scored_shares), sum(clicks), sum(counted_clicks), sum(reshares)
      from rollup_daily group by advocate_id, network`);
    await rebuildMonthlyRollups(tx);
  });
  await exec(`set session_replication_role = origin`);
  progress("all-time, monthly and per-dimension rollups rebuilt from the daily ones");

  for (const table of ["gen_advocates", "gen_posts", "gen_links"]) await exec(`drop table ${table}`);
  const generatedClicks = clickTable === "gen_clicks" ? clicks : undefined;
  if (clickTable === "gen_clicks") await exec(`drop table gen_clicks`);
  for (const table of [
    "users",
    "posts",
    "tracked_links",
    "shares",
    "reshares",
    "clicks",
    "rollup_daily",
    "conversions",
    "rollup_outcomes",
    "rollup_totals",
    "rollup_monthly",
    "rollup_outcomes_monthly",
    "rollup_by_month",
    "rollup_outcomes_by_month",
  ])
    await exec(`analyze ${table}`);
  const [counts] = await rows<{ clicks: number; rollup: number }>(
    sql`select (select count(*) from clicks)::int as clicks, (select count(*) from rollup_daily)::int as rollup`,
  );
  progress(`rollup_daily: ${counts!.rollup.toLocaleString()} rows`);
  return {
    tag,
    advocates,
    posts,
    links,
    clicks: generatedClicks ?? counts!.clicks,
    rollupRows: counts!.rollup,
    seconds: (performance.now() - started) / 1000,
  };
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]?.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { timeQueries, formatQueryTimings } = await import("./bench-queries");
  await migrateDatabase();
  // The temporary tables below live on one connection (migrations need two: one holds their advisory lock).
  await closeDatabase();
  process.env.DATABASE_POOL = "1";
  const dataset = await generateDataset(
    {
      advocates: flag("advocates", DEFAULT_SIZES.advocates),
      posts: flag("posts", DEFAULT_SIZES.posts),
      clicks: flag("clicks", DEFAULT_SIZES.clicks),
      conversions: flag("conversions", DEFAULT_SIZES.conversions),
    },
    (message) => console.log(`  … ${message}`),
  );
  console.log(`generated in ${dataset.seconds.toFixed(1)} s: ${JSON.stringify(dataset)}`);
  if (!process.argv.includes("--no-time")) console.log(formatQueryTimings(await timeQueries()));
  await closeDatabase();
}
