import { expect, test } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db, rows } from "@/db/client";
import { rollupDaily, trackedLinks } from "@/db/schema";
import { writeClicks, type PendingClick } from "@/lib/click-writer";
import { recordShare } from "@/lib/links";
import { createEmbedChildLink, recordReportedReshares, reshareInternally } from "@/lib/reshares";
import { monthlyRollupDrift } from "@/lib/rollup-rows";
import { rebuildRollups, rollupDrift } from "@/lib/rollups";
import {
  makeLivePost,
  makeSession,
  makeSharedLink,
  makeUser,
  ORIGIN,
  pendingClick,
  type TestLink,
} from "@/tests/helpers";

/** rollup_totals rows that differ from the sum of rollup_daily (the trigger keeps them equal). */
async function totalsDrift() {
  return rows(sql`
    (select advocate_id, network, shares, scored_shares, clicks, counted_clicks, reshares from rollup_totals
       where shares <> 0 or scored_shares <> 0 or clicks <> 0 or counted_clicks <> 0 or reshares <> 0
     except
     select advocate_id, network, sum(shares)::int, sum(scored_shares)::int, sum(clicks)::int, sum(counted_clicks)::int, sum(reshares)::int
       from rollup_daily group by advocate_id, network)
    union all
    (select advocate_id, network, sum(shares)::int, sum(scored_shares)::int, sum(clicks)::int, sum(counted_clicks)::int, sum(reshares)::int
       from rollup_daily group by advocate_id, network
     except
     select advocate_id, network, shares, scored_shares, clicks, counted_clicks, reshares from rollup_totals)`);
}

/** A small deterministic random generator, so a failing workload can be replayed from its seed. */
function random(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

test("after a random workload of shares, clicks and all three kinds of reshare, the live rollup equals a rebuild from raw rows", async () => {
  const next = random(20261123);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
  const advocates = await Promise.all(Array.from({ length: 6 }, () => makeUser()));
  const posts = await Promise.all(Array.from({ length: 4 }, () => makeLivePost()));
  const links: TestLink[] = [];
  for (let i = 0; i < 30; i++) {
    const advocate = pick(advocates);
    const network = pick(["linkedin", "x", "facebook", "email", "copy"] as const);
    links.push(await makeSharedLink(advocate, network, pick(posts).postId));
  }
  const session = await makeSession(links[0]!.advocateId);

  // Clicks over the last three days, in several batches, with repeats, bots, HEADs and own clicks.
  for (let batch = 0; batch < 5; batch++) {
    const clicks: PendingClick[] = [];
    for (let i = 0; i < 80; i++) {
      const link = pick(links);
      const visitor = `visitor-${Math.floor(next() * 25)}`;
      const roll = next();
      clicks.push(
        pendingClick(link, {
          at: new Date(Date.now() - Math.floor(next() * 3 * 86_400_000)),
          visitorHash: visitor,
          previousVisitorHash: `${visitor}-y`,
          requestReason: roll < 0.1 ? "bot" : roll < 0.15 ? "head" : null,
          sessionToken: roll > 0.95 ? session : null,
        }),
      );
    }
    clicks.sort((a, b) => a.at.getTime() - b.at.getTime());
    await writeClicks(clicks);
  }
  for (let i = 0; i < 10; i++) {
    const parent = pick(links);
    const kind = next();
    if (kind < 0.33) {
      const colleague = pick(advocates.filter((a) => a.id !== parent.advocateId));
      await reshareInternally(colleague, {
        parentLinkId: parent.id,
        network: pick(["linkedin", "x"] as const),
        origin: ORIGIN,
      }).catch(() => undefined);
    } else if (kind < 0.66) {
      const child = await createEmbedChildLink({
        parentCode: parent.code,
        network: "x",
        visitorHash: `embed-${i}`,
        requesterAddressHash: `embed-address-${i}`,
        origin: ORIGIN,
      });
      // Someone else's counted click on the child link credits the reshare, in the click writer.
      const [childLink] = await db.select().from(trackedLinks).where(eq(trackedLinks.code, child.code));
      await writeClicks([
        pendingClick(
          { ...parent, id: childLink!.id, network: "x" },
          { visitorHash: `reader-${i}`, addressHash: `reader-${i}` },
        ),
      ]);
    } else {
      await recordReportedReshares({
        eventId: `evt-${i}-${parent.code}`,
        code: parent.code,
        count: 1 + Math.floor(next() * 5),
      });
    }
  }
  // More shares of the same posts, past the repeat rule.
  for (let i = 0; i < 10; i++)
    await recordShare(pick(advocates), { postId: pick(posts).postId, network: "linkedin", origin: ORIGIN });

  expect(await db.$count(rollupDaily)).toBeGreaterThan(0);
  expect(await rollupDrift()).toEqual([]);
  expect(await totalsDrift()).toEqual([]);
  expect(await monthlyRollupDrift()).toEqual([]);
});

test("a damaged rollup shows as drift and the rebuild repairs it", async () => {
  const link = await makeSharedLink();
  await writeClicks([pendingClick(link, { visitorHash: "repair-me" })]);
  await db.update(rollupDaily).set({ countedClicks: 99 });
  expect((await rollupDrift()).length).toBeGreaterThan(0);
  const rows = await db.transaction((tx) => rebuildRollups(tx));
  expect(rows).toBeGreaterThan(0);
  expect(await rollupDrift()).toEqual([]);
  expect(await totalsDrift()).toEqual([]);
  expect(await monthlyRollupDrift()).toEqual([]);
});
