import { randomUUID } from "node:crypto";
import { and, gt, inArray, sql } from "drizzle-orm";
import { db, rows, type Tx } from "@/db/client";
import { type ClickReason, clicks, type DeviceClass, type Network, rollupDaily, sessions } from "@/db/schema";
import { isPermanentDataError, sqlState } from "@/lib/db-errors";
import type { ClickJournal } from "@/lib/click-journal";
import { log } from "@/lib/log";
import { creditEmbedReshares, type CountedClick } from "@/lib/reshare-credits";
import { getSettings } from "@/lib/settings";
import { dayIn } from "@/lib/time";
import { classifyClick, DEDUPE_WINDOW_MS, type RequestReason } from "@/lib/tracking";

/** A click as the redirect saw it; its final reason is decided when the batch is written. */
export type PendingClick = {
  /** Unique per click, given when it is queued: the database keeps a click id once (a replay writes nothing twice). */
  id?: string;
  linkId: number;
  advocateId: string;
  postId: number;
  network: Network;
  at: Date;
  requestReason: RequestReason;
  visitorHash: string;
  /** The same visitor under yesterday's salt, so the 24 h window spans midnight. */
  previousVisitorHash: string;
  /** The visitor's network address alone, under today's and yesterday's salt: never stored, only compared. */
  addressHash: string;
  previousAddressHash: string;
  sessionToken: string | null;
  country: string | null;
  device: DeviceClass;
  referrerHost: string | null;
};

export type WrittenClick = { linkId: number; reason: ClickReason };

/**
 * Writes a batch of clicks: decides own-click and 24 h repeats, inserts the raw rows and adds them to the
 * daily rollup, and credits the external reshares their counted clicks earn (creditEmbedReshares), all in one
 * transaction so totals never drift from raw rows. A transaction-level advisory
 * lock makes concurrent writers (several app servers) decide repeats one batch at a time.
 */
export async function writeClicks(received: PendingClick[]): Promise<WrittenClick[]> {
  if (!received.length) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const batch = await unwrittenOnly(tx, received);
    if (!batch.length) return [];
    const { timeZone } = await getSettings(tx);

    const tokens = [...new Set(batch.map((c) => c.sessionToken).filter((t): t is string => !!t))];
    const signedIn = new Map<string, string>();
    if (tokens.length) {
      const rows = await tx
        .select({ token: sessions.sessionToken, userId: sessions.userId })
        .from(sessions)
        .where(and(inArray(sessions.sessionToken, tokens), gt(sessions.expires, new Date())));
      for (const row of rows) signedIn.set(row.token, row.userId);
    }

    const candidates = batch.filter((c) => !c.requestReason);
    const lastCounted = new Map<string, Date>();
    if (candidates.length) {
      const since = new Date(Math.min(...candidates.map((c) => c.at.getTime())) - DEDUPE_WINDOW_MS);
      // Each (link, visitor) pair asked about, under today's and yesterday's salt, is one index lookup
      // (lateral, so the plan stays so however many there are): filtering links × visitors instead read
      // every recent click of the batch's busiest links.
      const pairs = new Map(
        candidates.flatMap((c) =>
          [c.visitorHash, c.previousVisitorHash].map(
            (hash) => [`${c.linkId}:${hash}`, { linkId: c.linkId, hash }] as const,
          ),
        ),
      );
      const asked = [...pairs.values()];
      const found = await rows<{ link_id: number; visitor_hash: string; last: string | Date }>(
        sql`select k.link_id, k.visitor_hash, c.last
            from unnest(${sql.param(asked.map((p) => p.linkId))}::int[], ${sql.param(asked.map((p) => p.hash))}::text[]) as k(link_id, visitor_hash)
            cross join lateral (
              select max(clicked_at) as last from ${clicks}
              where link_id = k.link_id and visitor_hash = k.visitor_hash and counted and clicked_at > ${since.toISOString()}::timestamptz
            ) c
            where c.last is not null`,
        tx,
      );
      for (const row of found) lastCounted.set(`${row.link_id}:${row.visitor_hash}`, new Date(row.last));
    }

    // The rows go to Postgres as one array per column (unnest): the statement stays the same whatever the batch
    // size, where a 500-row VALUES list built by the query builder held the event loop for ~35 ms a batch.
    const written: WrittenClick[] = [];
    const counted: CountedClick[] = [];
    const columns = {
      id: [] as string[],
      linkId: [] as number[],
      at: [] as string[],
      reason: [] as ClickReason[],
      visitorHash: [] as string[],
      country: [] as (string | null)[],
      device: [] as DeviceClass[],
      referrerHost: [] as (string | null)[],
    };
    const rollup = new Map<
      string,
      { day: string; advocateId: string; postId: number; network: Network; clicks: number; countedClicks: number }
    >();
    for (const click of batch) {
      const keys = [`${click.linkId}:${click.visitorHash}`, `${click.linkId}:${click.previousVisitorHash}`];
      const last = keys
        .map((key) => lastCounted.get(key))
        .reduce<Date | null>((a, b) => (b && (!a || b > a) ? b : a), null);
      const ownClick = !!click.sessionToken && signedIn.get(click.sessionToken) === click.advocateId;
      const reason = classifyClick({ requestReason: click.requestReason, ownClick, at: click.at, lastCountedAt: last });
      const isCounted = reason === "counted";
      if (isCounted) {
        lastCounted.set(keys[0]!, click.at);
        counted.push(click);
      }
      columns.id.push(click.id!);
      columns.linkId.push(click.linkId);
      columns.at.push(click.at.toISOString());
      columns.reason.push(reason);
      columns.visitorHash.push(click.visitorHash);
      columns.country.push(click.country);
      columns.device.push(click.device);
      columns.referrerHost.push(click.referrerHost);
      written.push({ linkId: click.linkId, reason });

      const day = dayIn(timeZone, click.at);
      const key = `${day}|${click.advocateId}|${click.postId}|${click.network}`;
      const row = rollup.get(key) ?? {
        day,
        advocateId: click.advocateId,
        postId: click.postId,
        network: click.network,
        clicks: 0,
        countedClicks: 0,
      };
      row.clicks += 1;
      if (isCounted) row.countedClicks += 1;
      rollup.set(key, row);
    }

    await tx.execute(sql`
      insert into ${clicks} (click_id, link_id, clicked_at, counted, reason, visitor_hash, country, device, referrer_host)
      select click_id::uuid, link_id, clicked_at::timestamptz, reason = 'counted', reason::click_reason, visitor_hash, country, device::device_class, referrer_host
      from unnest(${sql.param(columns.id)}::text[], ${sql.param(columns.linkId)}::int[], ${sql.param(columns.at)}::text[], ${sql.param(columns.reason)}::text[],
                  ${sql.param(columns.visitorHash)}::text[], ${sql.param(columns.country)}::text[], ${sql.param(columns.device)}::text[], ${sql.param(columns.referrerHost)}::text[])
        as c(click_id, link_id, clicked_at, reason, visitor_hash, country, device, referrer_host)
      on conflict (click_id) do nothing`);
    const days = [...rollup.values()];
    await tx.execute(sql`
      insert into ${rollupDaily} (day, advocate_id, post_id, network, clicks, counted_clicks)
      select day::date, advocate_id, post_id, network::network, clicks, counted_clicks
      from unnest(${sql.param(days.map((r) => r.day))}::text[], ${sql.param(days.map((r) => r.advocateId))}::text[], ${sql.param(days.map((r) => r.postId))}::int[],
                  ${sql.param(days.map((r) => r.network))}::text[], ${sql.param(days.map((r) => r.clicks))}::int[], ${sql.param(days.map((r) => r.countedClicks))}::int[])
        as r(day, advocate_id, post_id, network, clicks, counted_clicks)
      on conflict (day, advocate_id, post_id, network) do update
        set clicks = ${rollupDaily}.clicks + excluded.clicks, counted_clicks = ${rollupDaily}.counted_clicks + excluded.counted_clicks`);
    await creditEmbedReshares(tx, counted);
    return written;
  });
}

/**
 * The clicks of `batch` not yet in the database, each once, every one with an id. Under the writers' lock no
 * other batch inserts meanwhile, so a click replayed from the journal after its batch committed is skipped
 * before it is classified or added to a rollup (the insert's `on conflict do nothing` is the backstop).
 */
async function unwrittenOnly(tx: Tx, batch: PendingClick[]): Promise<PendingClick[]> {
  const unique = new Map<string, PendingClick>();
  for (const click of batch) unique.set(click.id ?? randomUUID(), click);
  const ids = [...unique.keys()];
  const found = await rows<{ click_id: string }>(
    sql`select click_id::text from ${clicks} where click_id = any(${sql.param(ids)}::uuid[])`,
    tx,
  );
  for (const row of found) unique.delete(row.click_id);
  return [...unique].map(([id, click]) => ({ ...click, id }));
}

// Under a backlog, bigger batches spread each transaction's fixed cost (lock, commit) over more clicks.
const MAX_BATCH = 1_000;

/**
 * Queues clicks from the redirect and writes them in batches, off the request path. A batch that fails for a
 * passing reason (the database restarting, a lost connection) goes back to the front of the queue and is retried
 * with backoff; one the database refuses for good is split until the refused click is alone, which is dropped
 * and counted, so it never holds up the clicks behind it. `drain` (shutdown, tests, bench) waits until all is written.
 * With a journal, `record` resolves once the click is in the local file, read back by `recover` on the next start;
 * the unwritten clicks are bounded by the journal's size, past which the oldest are dropped and counted.
 */
export class ClickWriter {
  private queue: PendingClick[] = [];
  private inflight: PendingClick[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private failures = 0;
  readonly stats = { enqueued: 0, written: 0, counted: 0, dropped: 0 };
  /** Clicks replayed from the journal on start, and unwritten clicks dropped because the journal was full. */
  readonly journalStats = { replayed: 0, dropped: 0 };

  constructor(
    private readonly intervalMs = 25,
    readonly journal: ClickJournal | null = null,
  ) {}

  /** Clicks not yet written: queued, and in the batch being written. */
  get pending(): number {
    return this.queue.length + this.inflight.length;
  }

  enqueue(click: PendingClick): void {
    void this.record(click);
  }

  /** Queues `click`; resolves once it is journaled (at once without a journal). */
  record(click: PendingClick): Promise<void> {
    click.id ??= randomUUID();
    if (this.journal && this.pending >= this.journal.maxClicks) this.dropOldest();
    this.queue.push(click);
    this.stats.enqueued++;
    if (this.queue.length >= MAX_BATCH) void this.flush();
    else this.schedule(this.intervalMs);
    return this.journal ? this.journal.append(click) : Promise.resolve();
  }

  private dropOldest(): void {
    if (!this.queue.shift()) return;
    const dropped = ++this.journalStats.dropped;
    if (dropped === 1 || dropped % 1_000 === 0)
      log.error("click journal full: dropped the oldest unwritten click", {
        dropped,
        max: this.journal?.maxClicks,
      });
    this.journal?.compact(this.queue);
  }

  /** Queues the clicks a previous process journaled and may not have written (written ones are skipped). */
  recover(): number {
    if (!this.journal) return 0;
    let clicks = this.journal.read();
    const excess = clicks.length - this.journal.maxClicks;
    if (excess > 0) {
      this.journalStats.dropped += excess;
      log.error("click journal over its size: dropped the oldest unwritten clicks", { dropped: excess });
      clicks = clicks.slice(excess);
    }
    this.queue = [...clicks, ...this.queue];
    this.journalStats.replayed += clicks.length;
    this.journal.rewrite(this.queue);
    if (this.queue.length) void this.flush();
    return clicks.length;
  }

  /** For /api/health: the clicks waiting, and the journal's state. */
  health() {
    return {
      queue: this.pending,
      journal: this.journal && {
        backlog: this.pending,
        lines: this.journal.lines,
        max: this.journal.maxClicks,
        dropped: this.journalStats.dropped,
        appendErrors: this.journal.appendErrors,
        replayed: this.journalStats.replayed,
      },
    };
  }

  private schedule(delay: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
    this.timer.unref();
  }

  flush(): Promise<void> {
    this.running ??= this.writeQueued().finally(() => {
      this.running = null;
      if (this.queue.length)
        this.schedule(this.failures ? Math.min(30_000, 250 * 2 ** this.failures) : this.intervalMs);
    });
    return this.running;
  }

  private async writeQueued(): Promise<void> {
    while (this.queue.length) {
      this.inflight = this.queue.splice(0, MAX_BATCH);
      const unwritten = await this.write(this.inflight).finally(() => {
        this.inflight = [];
      });
      if (unwritten) {
        this.failures++;
        this.queue.unshift(...unwritten.clicks);
        log.error("click batch failed; will retry", {
          size: unwritten.clicks.length,
          failures: this.failures,
          error: String(unwritten.error),
        });
        return;
      }
      this.failures = 0;
      this.journal?.compact(this.queue);
    }
  }

  /**
   * Writes `clicks`, halving a part the database refuses for good until the refused click is alone (about
   * 2·log2(n) extra transactions for one bad click in n). Returns the clicks left unwritten, in order, when a
   * passing failure (the connection) stopped it: they are retried, never dropped.
   */
  private async write(clicks: PendingClick[]): Promise<{ clicks: PendingClick[]; error: unknown } | null> {
    try {
      const written = await writeClicks(clicks);
      this.stats.written += written.length;
      this.stats.counted += written.filter((c) => c.reason === "counted").length;
      return null;
    } catch (error) {
      if (!isPermanentDataError(error)) return { clicks, error };
      if (clicks.length === 1) {
        this.stats.dropped++;
        log.error("dropped a click the database refuses", {
          linkId: clicks[0]!.linkId,
          sqlState: sqlState(error),
          dropped: this.stats.dropped,
        });
        return null;
      }
      const half = Math.ceil(clicks.length / 2);
      const first = await this.write(clicks.slice(0, half));
      if (first) return { clicks: [...first.clicks, ...clicks.slice(half)], error: first.error };
      return this.write(clicks.slice(half));
    }
  }

  /** Writes everything queued; gives up after `timeoutMs` if the database stays unreachable. */
  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.queue.length || this.running) && Date.now() < deadline) {
      await this.flush();
      if (this.failures) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (this.queue.length) throw new Error(`${this.queue.length} clicks could not be written`);
  }
}

const shared = globalThis as typeof globalThis & { __chorusClickWriter?: ClickWriter };
export function getClickWriter(): ClickWriter {
  shared.__chorusClickWriter ??= new ClickWriter();
  return shared.__chorusClickWriter;
}

/** The process's writer, journaling to `journal` (server.ts, before the first request). */
export function startClickWriter(journal: ClickJournal | null): ClickWriter {
  shared.__chorusClickWriter = new ClickWriter(25, journal);
  return shared.__chorusClickWriter;
}
