import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, onTestFinished, test, vi } from "vitest";
import { createServer, type AddressInfo } from "node:net";
import postgres from "postgres";
import { db, getConnection, rows, setConnection, type Connection } from "@/db/client";
import { clicks, rollupDaily, trackedLinks } from "@/db/schema";
import { ClickWriter, writeClicks, type PendingClick } from "@/lib/click-writer";
import { isPermanentDataError, sqlState } from "@/lib/db-errors";
import type { ClickReason } from "@/db/schema";
import { visitorHash, type RequestReason } from "@/lib/tracking";
import {
  makeLivePost,
  makeSession,
  makeSharedLink,
  makeUser,
  pendingClick,
  withSettings,
  type TestLink,
} from "@/tests/helpers";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = new Date("2025-01-10T09:00:00Z");
const later = (ms: number) => new Date(T0.getTime() + ms);

async function storedClicks(linkId: number) {
  return db
    .select({
      counted: clicks.counted,
      reason: clicks.reason,
      visitorHash: clicks.visitorHash,
      country: clicks.country,
      device: clicks.device,
      referrerHost: clicks.referrerHost,
    })
    .from(clicks)
    .where(eq(clicks.linkId, linkId))
    .orderBy(clicks.id);
}

/** Daily rollup rows that hold clicks, keyed day|advocate|post|network. */
async function rollupClicks(links: TestLink[]) {
  const rows = await db
    .select({
      day: rollupDaily.day,
      advocateId: rollupDaily.advocateId,
      postId: rollupDaily.postId,
      network: rollupDaily.network,
      clicks: rollupDaily.clicks,
      countedClicks: rollupDaily.countedClicks,
    })
    .from(rollupDaily)
    .where(inArray(rollupDaily.advocateId, [...new Set(links.map((l) => l.advocateId))]));
  return Object.fromEntries(
    rows
      .filter((r) => r.clicks > 0)
      .map((r) => [`${r.day}|${r.advocateId}|${r.postId}|${r.network}`, [r.clicks, r.countedClicks]]),
  );
}

/** The same totals computed from the raw click rows, on UTC days. */
async function rawClicks(links: TestLink[]) {
  const day = sql<string>`to_char(${clicks.clickedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      day,
      advocateId: trackedLinks.advocateId,
      postId: trackedLinks.postId,
      network: trackedLinks.network,
      clicks: sql<number>`count(*)::int`,
      countedClicks: sql<number>`count(*) filter (where ${clicks.counted})::int`,
    })
    .from(clicks)
    .innerJoin(trackedLinks, eq(trackedLinks.id, clicks.linkId))
    .where(
      inArray(
        clicks.linkId,
        links.map((l) => l.id),
      ),
    )
    .groupBy(day, trackedLinks.advocateId, trackedLinks.postId, trackedLinks.network);
  return Object.fromEntries(
    rows.map((r) => [`${r.day}|${r.advocateId}|${r.postId}|${r.network}`, [r.clicks, r.countedClicks]]),
  );
}

describe("writeClicks", () => {
  test("a browser's first click counts and is stored with its details and rolled up", async () => {
    const link = await makeSharedLink();
    const written = await writeClicks([
      pendingClick(link, { at: T0, country: "DE", device: "mobile", referrerHost: "www.linkedin.com" }),
    ]);
    expect(written).toEqual([{ linkId: link.id, reason: "counted" }]);
    expect(await storedClicks(link.id)).toEqual([
      {
        counted: true,
        reason: "counted",
        visitorHash: "visitor-a",
        country: "DE",
        device: "mobile",
        referrerHost: "www.linkedin.com",
      },
    ]);
    expect(await rollupClicks([link])).toEqual({ [`2025-01-10|${link.advocateId}|${link.postId}|linkedin`]: [1, 1] });
  });

  test("the same visitor again within 24h is a duplicate, in a later batch or the same one", async () => {
    const link = await makeSharedLink();
    await writeClicks([pendingClick(link, { at: T0 })]);
    expect(await writeClicks([pendingClick(link, { at: later(23 * HOUR + 59 * MINUTE) })])).toEqual([
      { linkId: link.id, reason: "duplicate" },
    ]);

    const other = await makeSharedLink();
    const sameBatch = await writeClicks([pendingClick(other, { at: T0 }), pendingClick(other, { at: later(MINUTE) })]);
    expect(sameBatch.map((c) => c.reason)).toEqual(["counted", "duplicate"]);
    expect((await storedClicks(other.id)).map((c) => [c.reason, c.counted])).toEqual([
      ["counted", true],
      ["duplicate", false],
    ]);
  });

  test("the same visitor 25h later counts again", async () => {
    const link = await makeSharedLink();
    await writeClicks([pendingClick(link, { at: T0 })]);
    expect((await writeClicks([pendingClick(link, { at: later(25 * HOUR) })]))[0]!.reason).toBe("counted");
  });

  test("batches written at once (several app servers) still count a visitor once", async () => {
    const link = await makeSharedLink();
    // Open several connections first, so the writes below really overlap on a server database.
    await Promise.all(Array.from({ length: 8 }, () => db.execute(sql`select pg_sleep(0.05)`)));
    const written = await Promise.all(
      Array.from({ length: 8 }, (_, i) => writeClicks([pendingClick(link, { at: later(i * MINUTE) })])),
    );
    expect(written.flat().filter((c) => c.reason === "counted")).toHaveLength(1);
    expect((await storedClicks(link.id)).filter((c) => c.counted)).toHaveLength(1);
  });

  test("the 24h window runs from the last counted click: duplicates do not extend it", async () => {
    const link = await makeSharedLink();
    const reasons = [];
    for (const at of [T0, later(12 * HOUR), later(23 * HOUR), later(24 * HOUR + MINUTE), later(30 * HOUR)]) {
      reasons.push((await writeClicks([pendingClick(link, { at })]))[0]!.reason);
    }
    expect(reasons).toEqual(["counted", "duplicate", "duplicate", "counted", "duplicate"]);
  });

  test("the window is per link and per visitor", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    const linkedin = await makeSharedLink(advocate, "linkedin", postId);
    const x = await makeSharedLink(advocate, "x", postId);
    const written = await writeClicks([
      pendingClick(linkedin, { at: T0 }),
      pendingClick(linkedin, {
        at: later(MINUTE),
        visitorHash: "visitor-b",
        previousVisitorHash: "visitor-b-yesterday",
      }),
      pendingClick(x, { at: later(2 * MINUTE) }),
    ]);
    expect(written.map((c) => c.reason)).toEqual(["counted", "counted", "counted"]);
  });

  test("a visitor's hash under yesterday's salt still dedupes a click just after midnight", async () => {
    const ip = "198.51.100.23";
    const ua =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
    const evening = new Date("2025-01-10T23:30:00Z");
    const night = new Date("2025-01-11T00:30:00Z");
    const asRedirectSees = (at: Date) => ({
      at,
      visitorHash: visitorHash(ip, ua, at),
      previousVisitorHash: visitorHash(ip, ua, at, -1),
    });
    expect(visitorHash(ip, ua, night)).not.toBe(visitorHash(ip, ua, evening));

    const link = await makeSharedLink();
    await writeClicks([pendingClick(link, asRedirectSees(evening))]);
    expect((await writeClicks([pendingClick(link, asRedirectSees(night))]))[0]!.reason).toBe("duplicate");

    // Without yesterday's hash the rotated salt would make the same person a new visitor.
    const control = await makeSharedLink();
    await writeClicks([pendingClick(control, asRedirectSees(evening))]);
    expect(
      (await writeClicks([pendingClick(control, { ...asRedirectSees(night), previousVisitorHash: "unrelated" })]))[0]!
        .reason,
    ).toBe("counted");
  });

  test("bot and HEAD clicks are stored with their reason, not counted, and do not start the 24h window", async () => {
    const link = await makeSharedLink();
    const written = await writeClicks([
      pendingClick(link, { at: T0, requestReason: "bot", device: "bot" }),
      pendingClick(link, { at: later(MINUTE), requestReason: "head" }),
      pendingClick(link, { at: later(2 * MINUTE) }),
    ]);
    expect(written.map((c) => c.reason)).toEqual(["bot", "head", "counted"]);
    expect((await storedClicks(link.id)).map((c) => [c.reason, c.counted])).toEqual([
      ["bot", false],
      ["head", false],
      ["counted", true],
    ]);
    expect(Object.values(await rollupClicks([link]))).toEqual([[3, 1]]);
  });

  test("the advocate's own click while signed in is 'own', not counted", async () => {
    const link = await makeSharedLink();
    const sessionToken = await makeSession(link.advocateId);
    expect(await writeClicks([pendingClick(link, { at: T0, sessionToken })])).toEqual([
      { linkId: link.id, reason: "own" },
    ]);
    expect(await storedClicks(link.id)).toMatchObject([{ reason: "own", counted: false }]);
    expect(Object.values(await rollupClicks([link]))).toEqual([[1, 0]]);
  });

  test("a colleague's signed-in click counts for the advocate", async () => {
    const link = await makeSharedLink();
    const colleague = await makeUser();
    const sessionToken = await makeSession(colleague.id);
    expect((await writeClicks([pendingClick(link, { at: T0, sessionToken })]))[0]!.reason).toBe("counted");
  });

  test("an expired or unknown session is not the advocate's own click", async () => {
    const link = await makeSharedLink();
    const expired = await makeSession(link.advocateId, new Date(Date.now() - MINUTE));
    const written = await writeClicks([
      pendingClick(link, { at: T0, sessionToken: expired }),
      pendingClick(link, {
        at: later(MINUTE),
        sessionToken: "no-such-session",
        visitorHash: "visitor-b",
        previousVisitorHash: "visitor-b-yesterday",
      }),
    ]);
    expect(written.map((c) => c.reason)).toEqual(["counted", "counted"]);
  });

  test("clicks are rolled up on the company's calendar day", async () => {
    const link = await makeSharedLink();
    await withSettings({ timeZone: "America/New_York" }, () =>
      writeClicks([pendingClick(link, { at: new Date("2025-01-11T03:00:00Z") })]),
    );
    expect(Object.keys(await rollupClicks([link]))).toEqual([`2025-01-10|${link.advocateId}|${link.postId}|linkedin`]);
  });

  test("an empty batch writes nothing", async () => {
    expect(await writeClicks([])).toEqual([]);
  });

  test("after a random workload in many batches, every reason is as the rules say and rollups equal raw clicks", async () => {
    // A seeded generator: a failure replays the same workload.
    let seed = 20250201;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

    const first = await makeUser();
    const second = await makeUser();
    const { postId } = await makeLivePost();
    const links = [
      await makeSharedLink(first, "linkedin", postId),
      await makeSharedLink(first, "x", postId),
      await makeSharedLink(second, "linkedin", postId),
    ];
    const firstSession = await makeSession(first.id);
    const secondSession = await makeSession(second.id);
    const expiredSession = await makeSession(first.id, new Date(Date.now() - MINUTE));
    const owners = new Map([
      [firstSession, first.id],
      [secondSession, second.id],
    ]);
    const visitors = Array.from({ length: 12 }, (_, i) => ({
      ip: `198.51.100.${i + 1}`,
      ua: pick(["Chrome/124 (Windows NT 10.0)", "Safari (iPhone)", "Firefox (X11; Linux)"]),
    }));

    const workload: PendingClick[] = [];
    const expected: ClickReason[] = [];
    const lastCounted = new Map<string, number>();
    let time = new Date("2025-02-01T20:00:00Z").getTime();
    for (let i = 0; i < 400; i++) {
      time += Math.floor(random() * 40 * MINUTE);
      const at = new Date(time);
      const link = pick(links);
      const visitor = pick(visitors);
      const roll = random();
      const requestReason: RequestReason = roll < 0.08 ? "bot" : roll < 0.12 ? "head" : null;
      const sessionToken = random() < 0.15 ? pick([firstSession, secondSession, expiredSession]) : null;
      workload.push(
        pendingClick(link, {
          at,
          requestReason,
          sessionToken,
          visitorHash: visitorHash(visitor.ip, visitor.ua, at),
          previousVisitorHash: visitorHash(visitor.ip, visitor.ua, at, -1),
        }),
      );
      // The counting rules (docs/product.md#counting), written out independently of the writer.
      const key = `${link.id}:${visitor.ip}:${visitor.ua}`;
      const last = lastCounted.get(key);
      let reason: ClickReason;
      if (requestReason) reason = requestReason;
      else if (sessionToken && owners.get(sessionToken) === link.advocateId) reason = "own";
      else if (last !== undefined && time - last < 24 * HOUR) reason = "duplicate";
      else reason = "counted";
      if (reason === "counted") lastCounted.set(key, time);
      expected.push(reason);
    }

    const written: ClickReason[] = [];
    for (let start = 0; start < workload.length; ) {
      const size = 1 + Math.floor(random() * 60);
      written.push(...(await writeClicks(workload.slice(start, start + size))).map((c) => c.reason));
      start += size;
    }

    expect(written).toEqual(expected);
    const reasons = await db
      .select({ reason: clicks.reason, n: sql<number>`count(*)::int` })
      .from(clicks)
      .where(
        inArray(
          clicks.linkId,
          links.map((l) => l.id),
        ),
      )
      .groupBy(clicks.reason);
    const tally = (list: ClickReason[]) =>
      list.reduce<Record<string, number>>((acc, r) => {
        acc[r] = (acc[r] ?? 0) + 1;
        return acc;
      }, {});
    expect(Object.fromEntries(reasons.map((r) => [r.reason, r.n]))).toEqual(tally(expected));
    for (const reason of ["counted", "duplicate", "own", "bot", "head"])
      expect(tally(expected)[reason]).toBeGreaterThan(0);

    const rollup = await rollupClicks(links);
    expect(rollup).toEqual(await rawClicks(links));
    const totals = Object.values(rollup).reduce(
      (sum, [clicks = 0, counted = 0]) => ({ clicks: sum.clicks + clicks, counted: sum.counted + counted }),
      { clicks: 0, counted: 0 },
    );
    expect(totals).toEqual({ clicks: 400, counted: tally(expected).counted });
    expect(Object.keys(rollup).length).toBeGreaterThan(3);
  });
});

describe("ClickWriter", () => {
  test("enqueue then drain writes every click, past one batch's size, and its stats match the database", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    const links = [await makeSharedLink(advocate, "linkedin", postId), await makeSharedLink(advocate, "email", postId)];
    const writer = new ClickWriter(5);
    for (let i = 0; i < 1200; i++) {
      const visitor = `visitor-${i % 97}`;
      writer.enqueue(
        pendingClick(links[i % 2]!, {
          at: later(i * MINUTE),
          visitorHash: visitor,
          previousVisitorHash: `${visitor}-yesterday`,
          requestReason: i % 10 === 0 ? "bot" : null,
        }),
      );
    }
    await writer.drain();

    expect(writer.pending).toBe(0);
    const [stored] = await db
      .select({ n: sql<number>`count(*)::int`, counted: sql<number>`count(*) filter (where ${clicks.counted})::int` })
      .from(clicks)
      .where(
        inArray(
          clicks.linkId,
          links.map((l) => l.id),
        ),
      );
    expect(writer.stats).toEqual({ enqueued: 1200, written: 1200, counted: stored!.counted, dropped: 0 });
    expect(stored!.n).toBe(1200);
    expect(stored!.counted).toBeGreaterThan(0);
    expect(stored!.counted).toBeLessThan(1200 - 120);
    expect(await rollupClicks(links)).toEqual(await rawClicks(links));
  });

  test("a batch with one click the database refuses writes the others at once and drops only that one", async () => {
    const link = await makeSharedLink();
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    onTestFinished(() => errors.mockRestore());
    const writer = new ClickWriter(5);
    const visitors = ["poison-a", "poison-b", "poison-c", "poison-d", "poison-e", "poison-f"];
    visitors.forEach((visitorHash, i) => {
      // A NUL byte, which Postgres refuses in text (SQLSTATE 22021), in the middle of the batch.
      writer.enqueue(pendingClick(link, { at: T0, visitorHash, sessionToken: i === 3 ? "x\u0000y" : null }));
    });
    await writer.drain(5_000);
    expect(writer.stats).toEqual({ enqueued: 6, written: 5, counted: 5, dropped: 1 });
    expect((await storedClicks(link.id)).map((c) => c.visitorHash)).toEqual(visitors.filter((_, i) => i !== 3));
    expect(await rollupClicks([link])).toEqual(await rawClicks([link]));
    const lines = errors.mock.calls.map(([line]) => String(line));
    expect(lines.filter((line) => line.includes("dropped a click the database refuses"))).toHaveLength(1);
    // Refused for good is never retried: no backoff held up the clicks behind it.
    expect(lines.some((line) => line.includes("will retry"))).toBe(false);
  });

  test("a click alone in its batch that the database refuses is dropped, not retried forever", async () => {
    const advocate = await makeUser();
    const { postId } = await makeLivePost();
    // A link id that does not exist: the click's foreign key fails (SQLSTATE 23503) on every try.
    const missing = {
      id: 1_888_888_888,
      code: "Poison01",
      advocateId: advocate.id,
      postId,
      network: "linkedin" as const,
    };
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    onTestFinished(() => errors.mockRestore());
    const writer = new ClickWriter(5);
    writer.enqueue(pendingClick(missing, { at: T0 }));
    await writer.drain(1_000);
    expect(writer.pending).toBe(0);
    expect(writer.stats).toEqual({ enqueued: 1, written: 0, counted: 0, dropped: 1 });
    const good = await makeSharedLink(advocate, "linkedin", postId);
    writer.enqueue(pendingClick(good, { at: T0 }));
    await writer.drain(1_000);
    expect(writer.stats).toMatchObject({ written: 1, dropped: 1 });
  });

  test("while the database refuses connections a batch stays queued, nothing is dropped, and it is written once it is back", async () => {
    const link = await makeSharedLink();
    const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    onTestFinished(() => errors.mockRestore());
    const writer = new ClickWriter(5);
    const real = getConnection();
    const outage = await refusedServer();
    setConnection(outage.connection);
    onTestFinished(() => setConnection(real));
    try {
      for (const visitorHash of ["away-a", "away-b", "away-c"])
        writer.enqueue(pendingClick(link, { at: T0, visitorHash }));
      // A poisoned click queued meanwhile is not taken for the outage's cause, nor the outage for its.
      writer.enqueue(pendingClick(link, { at: T0, visitorHash: "away-d", sessionToken: "x\u0000y" }));
      await expect(writer.drain(1_500)).rejects.toThrow("4 clicks could not be written");
      expect(writer.stats).toMatchObject({ written: 0, dropped: 0 });
      expect(errors.mock.calls.some(([line]) => String(line).includes("click batch failed; will retry"))).toBe(true);
    } finally {
      setConnection(real);
      await outage.end();
    }
    await writer.drain();
    expect(writer.pending).toBe(0);
    expect(writer.stats).toEqual({ enqueued: 4, written: 3, counted: 3, dropped: 1 });
    expect(await storedClicks(link.id)).toHaveLength(3);
  });
});

/** A real PostgreSQL connection attempt to a local port nobody listens on: ECONNREFUSED on every try. */
async function refusedServer(): Promise<{ connection: Connection; end: () => Promise<void> }> {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const client = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  return { connection: { kind: "postgres", client, url }, end: () => client.end({ timeout: 1 }) };
}

describe("isPermanentDataError, on errors real failures raise", () => {
  test("the data the database refuses is permanent: a NUL byte (22021), a missing foreign key (23503)", async () => {
    const link = await makeSharedLink();
    const nul = await writeClicks([pendingClick(link, { sessionToken: "x\u0000y" })]).catch((e: unknown) => e);
    expect(sqlState(nul)).toBe("22021");
    expect(isPermanentDataError(nul)).toBe(true);
    const orphan = await writeClicks([pendingClick({ ...link, id: 1_777_777_777 })]).catch((e: unknown) => e);
    expect(sqlState(orphan)).toBe("23503");
    expect(isPermanentDataError(orphan)).toBe(true);
  });

  test("a lost or refused connection is not", async () => {
    const refused = await refusedServer();
    try {
      const error = await (refused.connection.client as postgres.Sql)`select 1`.catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe("ECONNREFUSED");
      expect(isPermanentDataError(error)).toBe(false);
    } finally {
      await refused.end();
    }
    // The embedded database after close() answers with an error of no SQLSTATE.
    expect(isPermanentDataError(new Error("PGlite is closed"))).toBe(false);
  });

  test.skipIf(!process.env.TEST_DATABASE_URL)(
    "a session the server shuts down (57P01, as in a restart) is not",
    async () => {
      const connection = getConnection();
      if (connection.kind !== "postgres") throw new Error("needs PostgreSQL");
      const victim = postgres(connection.url, { max: 1, onnotice: () => {} });
      onTestFinished(() => victim.end({ timeout: 1 }));
      const [victimRow] = await victim<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const pid = victimRow!.pid;
      const sleeping = victim`select pg_sleep(30)`.catch((e: unknown) => e);
      await expect
        .poll(
          async () =>
            (
              await rows<{ n: number }>(
                sql`select count(*)::int as n from pg_stat_activity where pid = ${pid} and state = 'active'`,
              )
            )[0]?.n,
        )
        .toBe(1);
      await db.execute(sql`select pg_terminate_backend(${pid})`);
      const error = await sleeping;
      // postgres-js reports the server's FATAL 57P01 as the connection closing under the query.
      expect(["57P01", "CONNECTION_CLOSED"]).toContain((error as { code?: string }).code);
      expect(isPermanentDataError(error)).toBe(false);
    },
  );
});
