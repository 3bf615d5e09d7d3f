import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { eq, sql } from "drizzle-orm";
import { getDb, type Connection, type Db, type Tx } from "@/db/client";
import { campaigns, posts, trackedLinks, type Network } from "@/db/schema";
import type { ClickWriter } from "@/lib/click-writer";
import { buildTargetUrl, LINK_CODE } from "@/lib/link-codes";
import { log } from "@/lib/log";
import { expireScannerRanges, getScannerRanges, invalidateScannerRanges } from "@/lib/scanner-ranges";
import {
  addressHash,
  cleanHeader,
  clientIp,
  countryFrom,
  deviceClass,
  referrerHost,
  requestReason,
  sessionTokenFrom,
  visitorHash,
} from "@/lib/tracking";

export type ResolvedLink = { linkId: number; advocateId: string; postId: number; network: Network; target: string };

const CACHE_TTL_MS = 60_000;
const MISS_TTL_MS = 5_000;
const CACHE_MAX = 100_000;
/**
 * A code not in the cache waits at most this long for the database, then the visitor gets a 503 — once lookups
 * have started failing (an outage). While the database answers, a slow moment (a busy server) gets the generous
 * HEALTHY_LOOKUP_TIMEOUT_MS instead, so a first visit is never refused only because the machine is loaded.
 */
export const LOOKUP_TIMEOUT_MS = Number(process.env.CHORUS_LOOKUP_TIMEOUT_MS ?? 500);
const HEALTHY_LOOKUP_TIMEOUT_MS = 10_000;
/** How long after a failed or timed-out lookup the database counts as failing. */
const FAILING_FOR_MS = 30_000;
/** A lookup still unanswered after this long means the database is failing (one that hangs fails nothing fast). */
const HUNG_AFTER_MS = 2_000;
/** After a failed background refresh, the stale entry is served this long before the database is asked again. */
const RETRY_MS = 2_000;

type Entry = { link: ResolvedLink | null; expires: number; generation: number; retryAt: number };

/** The database did not answer a lookup in time (it is unreachable, or restarting). */
export class LookupTimeout extends Error {}

/**
 * code → redirect target, cached in process: the redirect answers from memory and the database sees one
 * indexed lookup per code per minute. A change of targets is announced to every server (announceLinkChange),
 * which drops the cached entries; the TTL only bounds what a lost listener could miss. An expired entry is
 * still served while a background lookup refreshes it, so known links keep redirecting while the database is
 * unreachable (docs/architecture.md#outages); only a code never seen waits for the database, at most
 * LOOKUP_TIMEOUT_MS.
 */
export class LinkCache {
  private entries = new Map<string, Entry>();
  private loading = new Map<string, { promise: Promise<ResolvedLink | null>; since: number }>();
  private prepared: { db: Db; query: ReturnType<typeof prepareLookup> } | null = null;
  /** Entries loaded under an older generation are stale: served, but refreshed first. */
  private generation = 0;
  /** Bumped by every invalidation, so a lookup that started before it does not store the old row. */
  private epoch = 0;

  /** When a lookup last failed or ran out of time: until FAILING_FOR_MS after it, new codes wait briefly. */
  private failedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly lookupTimeoutMs = LOOKUP_TIMEOUT_MS,
    private readonly healthyTimeoutMs = Math.max(HEALTHY_LOOKUP_TIMEOUT_MS, lookupTimeoutMs),
  ) {}

  async resolve(code: string): Promise<ResolvedLink | null> {
    const hit = this.entries.get(code);
    if (!hit) {
      const timeout = this.failing(code) ? this.lookupTimeoutMs : this.healthyTimeoutMs;
      return withTimeout(this.lookup(code), timeout).catch((error: unknown) => {
        this.failedAt = Date.now();
        throw error;
      });
    }
    const now = Date.now();
    if ((hit.expires <= now || hit.generation !== this.generation) && hit.retryAt <= now) this.refresh(code, hit);
    return hit.link;
  }

  /**
   * Whether the database looks unreachable: a lookup failed or ran out of time lately, or another code's lookup
   * has hung for HUNG_AFTER_MS. (The code's own pending lookup does not count: a burst of first visits to one
   * new link on a busy server all wait on that one lookup.)
   */
  failing(except?: string): boolean {
    const now = Date.now();
    if (now - this.failedAt < FAILING_FOR_MS) return true;
    for (const [code, { since }] of this.loading) if (code !== except && now - since > HUNG_AFTER_MS) return true;
    return false;
  }

  /** A change was announced: the entries go, and the next visit reads the database. */
  invalidate(code?: string): void {
    this.epoch++;
    if (code) this.entries.delete(code);
    else this.entries.clear();
  }

  /** Announcements may have been missed (the listener reconnected): every entry is refreshed on its next use. */
  markStale(): void {
    this.generation++;
  }

  private refresh(code: string, hit: Entry): void {
    hit.retryAt = Date.now() + RETRY_MS;
    this.lookup(code).catch((error: unknown) => {
      this.failedAt = Date.now();
      everyFewSeconds("serving a cached short link while its lookup fails", { error: String(error) });
    });
  }

  private lookup(code: string): Promise<ResolvedLink | null> {
    let pending = this.loading.get(code);
    if (!pending) {
      pending = { promise: this.load(code).finally(() => this.loading.delete(code)), since: Date.now() };
      this.loading.set(code, pending);
    }
    return pending.promise;
  }

  private async load(code: string): Promise<ResolvedLink | null> {
    const [epoch, generation] = [this.epoch, this.generation];
    const db = getDb();
    if (this.prepared?.db !== db) this.prepared = { db, query: prepareLookup(db) };
    const [row] = await this.prepared.query.execute({ code });
    const link =
      row && row.status !== "archived"
        ? {
            linkId: row.linkId,
            advocateId: row.advocateId,
            postId: row.postId,
            network: row.network,
            target: buildTargetUrl(row.url, { network: row.network, code, campaignSlug: row.campaignSlug }),
          }
        : null;
    if (epoch !== this.epoch) return link;
    if (this.entries.size >= CACHE_MAX && !this.entries.has(code))
      this.entries.delete(this.entries.keys().next().value!);
    const expires = Date.now() + (link ? CACHE_TTL_MS : MISS_TTL_MS);
    this.entries.set(code, { link, expires, generation, retryAt: 0 });
    return link;
  }
}

/** `promise`, or a LookupTimeout after `ms`; the work itself goes on (its answer fills the cache). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LookupTimeout(`no answer from the database in ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const lastLogged = new Map<string, { at: number; suppressed: number }>();
/** An error logged at most once per 5 s per message (an outage would otherwise log every request). */
function everyFewSeconds(message: string, fields: Record<string, unknown>): void {
  const now = Date.now();
  const last = lastLogged.get(message);
  if (last && now - last.at < 5_000) {
    last.suppressed++;
    return;
  }
  log.error(message, { ...fields, suppressed: last?.suppressed ?? 0 });
  lastLogged.set(message, { at: now, suppressed: 0 });
}

/** The channel on which a change of redirect targets (an archive, a campaign's new slug) is announced. */
export const LINK_CHANGES = "chorus_link_changes";

/**
 * Announces inside `tx` that cached redirect targets may be stale. Postgres delivers the NOTIFY when the
 * transaction commits, to every server listening, so no cache reloads the old row before the change is visible.
 */
export async function announceLinkChange(tx: Db | Tx): Promise<void> {
  await tx.execute(sql`select pg_notify(${LINK_CHANGES}, '')`);
}

/**
 * Clears `cache` whenever any server announces a link change. On PostgreSQL the listener has a connection of
 * its own and is re-established after a drop; announcements missed meanwhile are covered by refreshing every
 * entry on its next use after each (re)connect. Returns the function that stops listening.
 */
export async function listenForLinkChanges(
  connection: Connection,
  cache: LinkCache = getLinkCache(),
): Promise<() => Promise<void>> {
  const clear = () => {
    cache.invalidate();
    invalidateScannerRanges();
  };
  // A (re)connect may follow missed announcements, and may come while the database is barely back: the
  // entries are refreshed on their next use, never dropped, so known links keep their answer meanwhile.
  const revalidate = () => {
    cache.markStale();
    expireScannerRanges();
  };
  if (connection.kind === "pglite") return connection.client.listen(LINK_CHANGES, clear);
  const { unlisten } = await connection.client.listen(LINK_CHANGES, clear, revalidate);
  return unlisten;
}

const shared = globalThis as typeof globalThis & { __chorusLinkCache?: LinkCache };
/** One cache per process, shared by server.ts and Next's route code (which archives posts). */
export function getLinkCache(): LinkCache {
  shared.__chorusLinkCache ??= new LinkCache();
  return shared.__chorusLinkCache;
}

function prepareLookup(db: Db) {
  return db
    .select({
      linkId: trackedLinks.id,
      advocateId: trackedLinks.advocateId,
      postId: trackedLinks.postId,
      network: trackedLinks.network,
      url: posts.url,
      status: posts.status,
      campaignSlug: campaigns.slug,
    })
    .from(trackedLinks)
    .innerJoin(posts, eq(posts.id, trackedLinks.postId))
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(eq(trackedLinks.code, sql.placeholder("code")))
    .limit(1)
    .prepare("chorus_link_by_code");
}

const NOT_FOUND_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Link not found · Chorus</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f8fafc;color:#0f172a;display:grid;place-items:center;min-height:100vh;margin:0}main{max-width:28rem;padding:2rem;text-align:center}h1{font-size:1.5rem}a{color:#4338ca}</style></head>
<body><main><h1>This link doesn’t lead anywhere</h1><p>The short link you followed does not exist or its post has been retired.</p><p><a href="/">Go to Chorus</a></p></main></body></html>`;

function send(res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void {
  res.writeHead(status, { "Cache-Control": "private, no-store", ...headers });
  res.end(body);
}

/**
 * GET/HEAD /s/<code>: resolve, journal and queue the click, answer 302. Nothing here waits for a database write, and
 * no input (odd codes, missing headers, huge query strings) can make it fail with a 500.
 */
export async function handleShortLink(
  req: IncomingMessage,
  res: ServerResponse,
  cache: LinkCache,
  writer: ClickWriter,
): Promise<void> {
  const path = (req.url ?? "").split("?")[0]!;
  const code = path.slice("/s/".length).replace(/\/$/, "");
  if (req.method !== "GET" && req.method !== "HEAD") {
    return send(res, 405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }, "Method not allowed");
  }
  const notFound = () =>
    send(res, 404, { "Content-Type": "text/html; charset=utf-8" }, req.method === "HEAD" ? undefined : NOT_FOUND_PAGE);
  if (!LINK_CODE.test(code)) return notFound();

  let link: ResolvedLink | null;
  try {
    link = await cache.resolve(code);
  } catch (error) {
    everyFewSeconds("short link lookup failed", { error: String(error) });
    return send(
      res,
      503,
      { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5" },
      "Chorus is briefly unavailable; try again in a moment.",
    );
  }
  if (!link) return notFound();

  const headers = req.headers;
  const userAgent = cleanHeader(headers["user-agent"]);
  // The raw address is used here, in memory, for the scanner ranges and the visitor hash; it is never stored.
  const ip = clientIp(headers, req.socket.remoteAddress);
  const ranges = await getScannerRanges();
  const at = new Date();
  // The 302 goes out once the click is in the local journal: a crash after it loses nothing.
  await writer.record({
    id: randomUUID(),
    linkId: link.linkId,
    advocateId: link.advocateId,
    postId: link.postId,
    network: link.network,
    at,
    requestReason: requestReason(req.method, userAgent, { ip, ranges }),
    visitorHash: visitorHash(ip, userAgent, at),
    previousVisitorHash: visitorHash(ip, userAgent, at, -1),
    addressHash: addressHash(ip, at),
    previousAddressHash: addressHash(ip, at, -1),
    sessionToken: sessionTokenFrom(headers.cookie),
    country: countryFrom(headers),
    device: deviceClass(userAgent),
    referrerHost: referrerHost(cleanHeader(headers.referer)),
  });
  send(res, 302, { Location: link.target });
}
