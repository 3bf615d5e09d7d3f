import { and, eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { reshares, rollupDaily, trackedLinks } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { getLeaderboard } from "@/lib/leaderboard";
import { recordShare } from "@/lib/links";
import { createEmbedChildLink, listColleagueShares, recordReportedReshares, reshareInternally } from "@/lib/reshares";
import { writeClicks } from "@/lib/click-writer";
import { makeLivePost, makeSharedLink, makeUser, ORIGIN, pendingClick, withSettings } from "@/tests/helpers";

async function resharesCredited(advocateId: string): Promise<number> {
  const rows = await db
    .select({ n: rollupDaily.reshares })
    .from(rollupDaily)
    .where(eq(rollupDaily.advocateId, advocateId));
  return rows.reduce((sum, row) => sum + row.n, 0);
}

describe("internal reshares", () => {
  test("a colleague's reshare makes a child link with its parent and credits the first advocate once", async () => {
    const parent = await makeSharedLink(undefined, "x");
    const colleague = await makeUser();
    const feed = await listColleagueShares(colleague, { page: 1 });
    expect(feed.items.map((item) => item.linkId)).toContain(parent.id);

    const result = await reshareInternally(colleague, { parentLinkId: parent.id, network: "linkedin", origin: ORIGIN });
    expect(result.credited).toBe(true);
    const [child] = await db.select().from(trackedLinks).where(eq(trackedLinks.code, result.code));
    expect(child).toMatchObject({
      advocateId: colleague.id,
      parentLinkId: parent.id,
      origin: "reshare",
      network: "linkedin",
    });
    expect(await resharesCredited(parent.advocateId)).toBe(1);

    // Resharing again reuses the colleague's link and credits nothing new.
    const again = await reshareInternally(colleague, { parentLinkId: parent.id, network: "linkedin", origin: ORIGIN });
    expect(again.code).toBe(result.code);
    expect(again.credited).toBe(false);
    expect(await resharesCredited(parent.advocateId)).toBe(1);
  });

  test("the reshare is also the colleague's own share, and shows in points", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const colleague = await makeUser();
    await reshareInternally(colleague, { parentLinkId: parent.id, network: "x", origin: ORIGIN });
    const board = await getLeaderboard({ viewerId: parent.advocateId });
    expect(board.me).toMatchObject({ shares: 1, reshares: 1, points: 1 + 5 });
    const colleagueBoard = await getLeaderboard({ viewerId: colleague.id });
    expect(colleagueBoard.me).toMatchObject({ shares: 1, reshares: 0, points: 1 });
  });

  test("a colleague who already shared the post on that network is not credited to anyone", async () => {
    const { postId } = await makeLivePost();
    const parent = await makeSharedLink(undefined, "x", postId);
    const colleague = await makeUser();
    const own = await recordShare(colleague, { postId, network: "x", origin: ORIGIN });
    const result = await reshareInternally(colleague, { parentLinkId: parent.id, network: "x", origin: ORIGIN });
    expect(result.code).toBe(own.code);
    expect(result.credited).toBe(false);
    expect(await resharesCredited(parent.advocateId)).toBe(0);
  });

  test("nobody can reshare their own share, and unknown links are refused", async () => {
    const parent = await makeSharedLink();
    await expect(
      reshareInternally(parent.advocate, { parentLinkId: parent.id, network: "x", origin: ORIGIN }),
    ).rejects.toBeInstanceOf(DomainError);
    await expect(
      reshareInternally(await makeUser(), { parentLinkId: 987654, network: "x", origin: ORIGIN }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await resharesCredited(parent.advocateId)).toBe(0);
  });
});

describe("embed child links", () => {
  const ask = (parentCode: string, network: "x" | "facebook", visitor: string) =>
    createEmbedChildLink({
      parentCode,
      network,
      visitorHash: visitor,
      requesterAddressHash: `address-of-${visitor}`,
      origin: ORIGIN,
    });
  const linkOf = async (code: string) => (await db.select().from(trackedLinks).where(eq(trackedLinks.code, code)))[0]!;
  /** A counted click on a child link (network x unless said) from the visitor whose address hash is `address`. */
  const clickFrom = (child: { id: number; advocateId: string; postId: number }, address: string, extra = {}) =>
    writeClicks([
      pendingClick(
        { ...child, code: "", network: "x" },
        { visitorHash: `v-${address}`, previousVisitorHash: `v-${address}-y`, addressHash: address, ...extra },
      ),
    ]);

  test("a visitor's onward share gets a child link of the original advocate's, once per visitor and network; asking credits nobody", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const first = await ask(parent.code, "x", "visitor-1");
    expect(first.created).toBe(true);
    expect(first.intentUrl).toContain("x.com/intent/post");
    expect(await linkOf(first.code)).toMatchObject({
      advocateId: parent.advocateId,
      parentLinkId: parent.id,
      origin: "embed",
      network: "x",
      requesterAddressHash: "address-of-visitor-1",
    });
    expect(await ask(parent.code, "x", "visitor-1")).toMatchObject({ code: first.code, created: false });
    const other = await ask(parent.code, "x", "visitor-2");
    expect(other.code).not.toBe(first.code);
    // A child of a child is still the original advocate's link.
    const grandchild = await ask(first.code, "facebook", "visitor-3");
    expect((await linkOf(grandchild.code)).advocateId).toBe(parent.advocateId);
    expect(await resharesCredited(parent.advocateId)).toBe(0);
    expect(await db.$count(reshares, eq(reshares.linkId, parent.id))).toBe(0);
  });

  test("a child link whose only clicks come from the visitor who asked for it credits nothing; another visitor's counted click credits once", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const child = await linkOf((await ask(parent.code, "x", "asker")).code);
    // The asker, under today's salt and (past midnight) yesterday's; any user agent.
    await clickFrom(child, "address-of-asker");
    await clickFrom(child, "address-of-asker-today", { previousAddressHash: "address-of-asker" });
    // Someone else, but a crawler: not a counted click.
    await clickFrom(child, "crawler", { requestReason: "bot" });
    expect(await resharesCredited(parent.advocateId)).toBe(0);

    await clickFrom(child, "reader-1");
    await clickFrom(child, "reader-2");
    expect(await resharesCredited(parent.advocateId)).toBe(1);
    expect(await db.select().from(reshares).where(eq(reshares.linkId, parent.id))).toMatchObject([
      { kind: "embed", childLinkId: child.id, advocateId: parent.advocateId, count: 1 },
    ]);
  });

  test("a click more than 24 hours after the child link was made credits nothing", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    const child = await linkOf((await ask(parent.code, "x", "slow")).code);
    await writeClicks([
      pendingClick(
        { ...child, code: "", network: "x" },
        { at: new Date(child.createdAt.getTime() + 25 * 3_600_000), addressHash: "reader-late" },
      ),
    ]);
    expect(await resharesCredited(parent.advocateId)).toBe(0);
  });

  test("a parent link earns at most the daily cap of external reshares, however many visitors click", async () => {
    const parent = await makeSharedLink(undefined, "linkedin");
    await withSettings({ embedReshareDailyCap: 3 }, async () => {
      for (let i = 0; i < 6; i++) {
        const child = await linkOf((await ask(parent.code, "x", `asker-${i}`)).code);
        await clickFrom(child, `reader-${i}`);
      }
    });
    expect(await resharesCredited(parent.advocateId)).toBe(3);
  });

  test("an unknown code is refused and nothing is created", async () => {
    const before = await db.$count(trackedLinks);
    await expect(ask("Nope1234", "x", "v")).rejects.toMatchObject({ code: "not_found" });
    expect(await db.$count(trackedLinks)).toBe(before);
  });
});

describe("reported reshares", () => {
  test("an event counts once by its id, with its count", async () => {
    const parent = await makeSharedLink();
    const eventId = `evt-${parent.code}`;
    expect(await recordReportedReshares({ eventId, code: parent.code, count: 4 })).toEqual({ recorded: true });
    expect(await recordReportedReshares({ eventId, code: parent.code, count: 4 })).toEqual({ recorded: false });
    expect(await resharesCredited(parent.advocateId)).toBe(4);
    expect(await db.$count(reshares, and(eq(reshares.eventId, eventId), eq(reshares.kind, "reported")))).toBe(1);
  });

  test("concurrent deliveries of one event still count once", async () => {
    const parent = await makeSharedLink();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        recordReportedReshares({ eventId: `evt-race-${parent.code}`, code: parent.code, count: 1 }),
      ),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(await resharesCredited(parent.advocateId)).toBe(1);
  });

  test("an event reporting more reshares than the admin's cap is refused with a field error, and credits nothing", async () => {
    const parent = await makeSharedLink();
    await expect(
      recordReportedReshares({ eventId: `evt-huge-${parent.code}`, code: parent.code, count: 100_000 }),
    ).rejects.toMatchObject({ code: "invalid", fields: { count: ["At most 50 reshares per event"] } });
    await withSettings({ reportedReshareEventCap: 5 }, async () => {
      await expect(
        recordReportedReshares({ eventId: `evt-six-${parent.code}`, code: parent.code, count: 6 }),
      ).rejects.toMatchObject({ fields: { count: ["At most 5 reshares per event"] } });
      expect(await recordReportedReshares({ eventId: `evt-five-${parent.code}`, code: parent.code, count: 5 })).toEqual(
        {
          recorded: true,
        },
      );
    });
    expect(await resharesCredited(parent.advocateId)).toBe(5);
  });

  test("an unknown code is refused", async () => {
    await expect(recordReportedReshares({ eventId: "evt-unknown", code: "Nope1234", count: 1 })).rejects.toMatchObject({
      code: "not_found",
    });
  });
});
