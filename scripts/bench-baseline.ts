import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { isbot } from "isbot";
import postgres from "postgres";

/**
 * The bench's baseline: a short-link redirect written the plain way, on node:http with no framework, cache or
 * batching. Per request, each step awaited before the answer: the indexed lookup by code (the same join as
 * Chorus's), isbot, a 24 h repeat check on (link, visitor) through clicks_dedupe_idx, one INSERT of the click,
 * then 302 to the post URL with its UTM tags. It keeps no rollups, checks no signed-in session and stores no
 * country or device class, so it does less per click than Chorus. Its repeat check is not serialised: two
 * concurrent clicks of one visitor may both count.
 *
 * Runs on DATABASE_URL (a pool of DATABASE_POOL, default 10, as Chorus), else on PGlite under CHORUS_DATA_DIR.
 */
type Query = <T>(text: string, params: unknown[]) => Promise<T[]>;

function connect(): { query: Query; close: () => Promise<void> } {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = postgres(url, { max: Number(process.env.DATABASE_POOL ?? 10), onnotice: () => {} });
    return {
      query: async <T>(text: string, params: unknown[]) =>
        (await client.unsafe(text, params as never[], { prepare: true })) as unknown as T[],
      close: () => client.end({ timeout: 5 }),
    };
  }
  const client = new PGlite(path.join(path.resolve(process.env.CHORUS_DATA_DIR ?? ".data"), "pglite"));
  return {
    query: async <T>(text: string, params: unknown[]) => (await client.query<T>(text, params)).rows,
    close: () => client.close(),
  };
}

const LOOKUP = `select l.id, l.network, p.url, c.slug from tracked_links l join posts p on p.id = l.post_id
  left join campaigns c on c.id = p.campaign_id where l.code = $1 and p.status <> 'archived' limit 1`;
const REPEAT = `select 1 from clicks where link_id = $1 and visitor_hash = $2 and counted and clicked_at > now() - interval '24 hours' limit 1`;
const INSERT = `insert into clicks (link_id, clicked_at, counted, reason, visitor_hash, device) values ($1, now(), $2, $3, $4, $5)`;

const salt = randomBytes(16);
const db = connect();

function clientIp(req: IncomingMessage): string {
  const forwarded = process.env.TRUST_PROXY === "1" ? req.headers["x-forwarded-for"] : undefined;
  return (typeof forwarded === "string" && forwarded.split(",")[0]?.trim()) || req.socket.remoteAddress || "";
}

async function redirect(req: IncomingMessage): Promise<{ status: number; location?: string }> {
  const code = (req.url ?? "").split("?")[0]!.slice("/s/".length);
  if (req.method !== "GET" || !/^[0-9A-Za-z]{4,16}$/.test(code)) return { status: 404 };
  const [link] = await db.query<{ id: number; network: string; url: string; slug: string | null }>(LOOKUP, [code]);
  if (!link) return { status: 404 };

  const userAgent = req.headers["user-agent"] ?? "";
  const bot = !userAgent || isbot(userAgent);
  const visitor = createHash("sha256")
    .update(salt)
    .update(clientIp(req))
    .update("\n")
    .update(userAgent)
    .digest("base64url")
    .slice(0, 22);
  const repeat = bot ? [] : await db.query(REPEAT, [link.id, visitor]);
  const reason = bot ? "bot" : repeat.length ? "duplicate" : "counted";
  await db.query(INSERT, [link.id, reason === "counted", reason, visitor, bot ? "bot" : "unknown"]);

  const target = new URL(link.url);
  target.searchParams.set("utm_source", link.network);
  target.searchParams.set("utm_medium", "employee_advocacy");
  if (link.slug) target.searchParams.set("utm_campaign", link.slug);
  target.searchParams.set("utm_content", code);
  return { status: 302, location: target.href };
}

const server = createServer((req, res) => {
  redirect(req).then(
    ({ status, location }) => {
      res.writeHead(status, location ? { Location: location, "Cache-Control": "private, no-store" } : {});
      res.end();
    },
    (error: unknown) => {
      console.error(String(error));
      res.writeHead(503);
      res.end();
    },
  );
});
server.keepAliveTimeout = 65_000;
const port = Number(process.env.PORT ?? 3301);
server.listen(port, process.env.HOST ?? "127.0.0.1", () => console.log(`baseline listening on ${port}`));

process.on("SIGTERM", () => {
  server.close();
  server.closeIdleConnections();
  void db.close().then(() => process.exit(0));
});
