import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { expect, onTestFinished, test, vi } from "vitest";
import { db } from "@/db/client";
import { clicks, rollupDaily } from "@/db/schema";
import { ClickJournal } from "@/lib/click-journal";
import { ClickWriter, writeClicks } from "@/lib/click-writer";
import { makeSharedLink, pendingClick, type TestLink } from "@/tests/helpers";

/** A journal file in a folder of its own, removed after the test. */
function journalFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chorus-journal-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "click-journal.ndjson");
}

/** A writer whose timer never fires within a test: only `drain` (or a full batch) writes. */
const IDLE_MS = 3_600_000;

async function stored(link: TestLink) {
  const [raw] = await db
    .select({
      n: sql<number>`count(*)::int`,
      ids: sql<number>`count(distinct ${clicks.clickId})::int`,
      counted: sql<number>`count(*) filter (where ${clicks.counted})::int`,
    })
    .from(clicks)
    .where(eq(clicks.linkId, link.id));
  const [rollup] = await db
    .select({
      clicks: sql<number>`coalesce(sum(${rollupDaily.clicks}), 0)::int`,
      counted: sql<number>`coalesce(sum(${rollupDaily.countedClicks}), 0)::int`,
    })
    .from(rollupDaily)
    .where(eq(rollupDaily.advocateId, link.advocateId));
  return { ...raw!, rollup: rollup!.clicks, rollupCounted: rollup!.counted };
}

test("after a crash, the journal is replayed once on start: clicks already committed are not written twice", async () => {
  const link = await makeSharedLink();
  const file = journalFile();
  const before = new ClickWriter(IDLE_MS, new ClickJournal(file));
  const visits = Array.from({ length: 20 }, (_, i) =>
    pendingClick(link, { visitorHash: `crash-${i}`, previousVisitorHash: `crash-${i}-y` }),
  );
  await Promise.all(visits.map((click) => before.record(click)));
  expect(readFileSync(file, "utf8").trim().split("\n")).toHaveLength(20);
  // The first ten were committed, then the process died before the journal was compacted; a torn line
  // (the write the crash cut short, whose click never got its redirect) ends the file.
  await writeClicks(visits.slice(0, 10));
  appendFileSync(file, '{"id":"5b0f');
  before.journal!.close();

  const after = new ClickWriter(5, new ClickJournal(file));
  expect(after.recover()).toBe(20);
  await after.drain();
  expect(after.stats).toMatchObject({ written: 10, dropped: 0 });
  expect(await stored(link)).toEqual({ n: 20, ids: 20, counted: 20, rollup: 20, rollupCounted: 20 });
  // Written, the journal is empty: a third start replays nothing.
  expect(readFileSync(file, "utf8")).toBe("");
  after.journal!.close();
  const third = new ClickWriter(5, new ClickJournal(file));
  expect(third.recover()).toBe(0);
  third.journal!.close();

  // The same batch written again (a retry after a commit whose answer was lost) changes nothing.
  expect(await writeClicks(visits)).toEqual([]);
  expect(await stored(link)).toEqual({ n: 20, ids: 20, counted: 20, rollup: 20, rollupCounted: 20 });
});

test("a full journal drops the oldest unwritten clicks, counts and logs them, and its health says so", async () => {
  const link = await makeSharedLink();
  const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  onTestFinished(() => errors.mockRestore());
  const file = journalFile();
  const writer = new ClickWriter(IDLE_MS, new ClickJournal(file, 5));
  for (let i = 0; i < 8; i++) await writer.record(pendingClick(link, { visitorHash: `full-${i}` }));

  expect(writer.pending).toBe(5);
  expect(writer.health()).toMatchObject({ queue: 5, journal: { backlog: 5, max: 5, dropped: 3 } });
  const logged = errors.mock.calls.map(([line]) => String(line));
  expect(logged.filter((line) => line.includes("click journal full"))).toHaveLength(1);

  await writer.drain();
  const rows = await db.select({ visitor: clicks.visitorHash }).from(clicks).where(eq(clicks.linkId, link.id));
  expect(rows.map((r) => r.visitor).sort()).toEqual(["full-3", "full-4", "full-5", "full-6", "full-7"]);
  expect(writer.health()).toMatchObject({ queue: 0, journal: { backlog: 0, lines: 0, dropped: 3 } });
  writer.journal!.close();
});

test("a journal left over its size by the last process keeps only its newest clicks on replay, counting the rest", async () => {
  const link = await makeSharedLink();
  const errors = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  onTestFinished(() => errors.mockRestore());
  const file = journalFile();
  const before = new ClickWriter(IDLE_MS, new ClickJournal(file, 100));
  for (let i = 0; i < 8; i++) await before.record(pendingClick(link, { visitorHash: `over-${i}` }));
  before.journal!.close();

  const after = new ClickWriter(5, new ClickJournal(file, 5));
  expect(after.recover()).toBe(5);
  expect(after.journalStats).toEqual({ replayed: 5, dropped: 3 });
  await after.drain();
  expect(await stored(link)).toMatchObject({ n: 5, ids: 5, rollup: 5 });
  expect(errors.mock.calls.some(([line]) => String(line).includes("dropped the oldest unwritten clicks"))).toBe(true);
  after.journal!.close();
});
