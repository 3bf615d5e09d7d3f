import { randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "@/db/client";
import { clicks, rollupDaily, trackedLinks } from "@/db/schema";
import { getLeaderboard } from "@/lib/leaderboard";
import { getLeaderboardPrivacy, purgeExpiredClicks, setLeaderboardPrivacy } from "@/lib/privacy";
import { makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

test("an advocate who hides their name is still ranked, as “Anonymous advocate”, and can show it again", async () => {
  const teamId = await makeTeam();
  const advocate = await makeUser(["advocate"], teamId);
  const { postId } = await makeLivePost();
  await db
    .insert(rollupDaily)
    .values({ day: "2016-01-01", advocateId: advocate.id, postId, network: "x", clicks: 4, countedClicks: 4 });
  expect(await getLeaderboardPrivacy(advocate.id)).toEqual({ hideName: false });

  await setLeaderboardPrivacy(advocate.id, true);
  expect(await getLeaderboardPrivacy(advocate.id)).toEqual({ hideName: true });
  expect((await getLeaderboard({ teamId })).items).toEqual([
    expect.objectContaining({ rank: 1, name: "Anonymous advocate", points: 8 }),
  ]);

  await setLeaderboardPrivacy(advocate.id, false);
  expect((await getLeaderboard({ teamId })).items[0]?.name).toBe(advocate.name);
});

test("raw clicks older than 13 months are purged in batches; the rollups, and so every total, stay", async () => {
  const advocate = await makeUser();
  const { postId } = await makeLivePost();
  const [link] = await db
    .insert(trackedLinks)
    .values({ code: randomBytes(6).toString("hex"), advocateId: advocate.id, postId, network: "linkedin" })
    .returning({ id: trackedLinks.id });
  const now = new Date("2026-06-15T12:00:00Z");
  const at = (iso: string) => ({
    linkId: link!.id,
    clickedAt: new Date(iso),
    counted: true,
    reason: "counted" as const,
    visitorHash: randomBytes(4).toString("hex"),
    device: "desktop" as const,
  });
  const inserted = await db
    .insert(clicks)
    .values([
      at("2025-05-01T00:00:00Z"),
      at("2025-05-14T23:00:00Z"),
      at("2025-05-15T13:00:00Z"),
      at("2026-01-01T00:00:00Z"),
    ])
    .returning({ id: clicks.id });
  await db
    .insert(rollupDaily)
    .values({ day: "2025-05-01", advocateId: advocate.id, postId, network: "linkedin", clicks: 2, countedClicks: 2 });

  expect(await purgeExpiredClicks({ now, batchSize: 1 })).toBe(2);
  const left = await db
    .select({ at: clicks.clickedAt })
    .from(clicks)
    .where(
      inArray(
        clicks.id,
        inserted.map((c) => c.id),
      ),
    )
    .orderBy(clicks.clickedAt);
  expect(left.map((c) => c.at.toISOString())).toEqual(["2025-05-15T13:00:00.000Z", "2026-01-01T00:00:00.000Z"]);
  expect(
    await db.select({ n: rollupDaily.countedClicks }).from(rollupDaily).where(eq(rollupDaily.advocateId, advocate.id)),
  ).toEqual([{ n: 2 }]);
  expect(await purgeExpiredClicks({ now })).toBe(0);
});
