import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { campaigns, posts } from "@/db/schema";
import { csvResponse } from "@/lib/csv";
import { EXPORTS } from "@/lib/exports";
import { getLeaderboard, getTeamLeaderboard } from "@/lib/leaderboard";
import { recordConversion } from "@/lib/outcomes/record";
import {
  getOutcomeReport,
  getOutcomeSummary,
  getOutcomeTimeline,
  getOutcomeTotals,
  moneyText,
} from "@/lib/outcomes/reports";
import { resolvePeriod, todayIn } from "@/lib/periods";
import { makeLivePost, makeSharedLink, makeTeam, makeUser, withSettings } from "@/tests/helpers";

const uid = () => Math.random().toString(36).slice(2);
const today = todayIn("UTC");

async function deal(code: string, stages: ("lead" | "opportunity" | "won")[], amount?: [string, string]) {
  const externalId = `crm-${uid()}`;
  for (const kind of stages)
    await recordConversion(
      { kind, externalId, code, ...(kind !== "lead" && amount ? { amount: amount[0], currency: amount[1] } : {}) },
      { source: "server" },
    );
}

describe("outcome reports", () => {
  test("a team's funnel, revenue per currency, and its breakdowns by post and advocate", async () => {
    const teamId = await makeTeam();
    const alice = await makeUser(["advocate"], teamId);
    const bob = await makeUser(["advocate"], teamId);
    const a = await makeSharedLink(alice);
    const b = await makeSharedLink(bob);
    await deal(a.code, ["lead", "opportunity", "won"], ["1000", "EUR"]);
    await deal(a.code, ["lead"]);
    await deal(b.code, ["won"], ["50", "USD"]);
    await deal(b.code, ["lead", "opportunity"], ["700", "EUR"]);
    const scope = { range: { from: null, to: null }, teamId };
    const report = await getOutcomeReport(scope, today);
    expect(report.summary.funnel).toEqual({ countedClicks: 0, leads: 4, opportunities: 3, won: 2 });
    expect(report.summary.revenue).toEqual([
      { currency: "EUR", amount: 1000 },
      { currency: "USD", amount: 50 },
    ]);
    expect(report.summary.pipeline).toEqual([{ currency: "EUR", amount: 1700 }]);
    expect(report.byTeam).toHaveLength(1);
    expect(report.byTeam[0]).toMatchObject({ leads: 4, won: 2 });
    expect(report.byPost.map((row) => [row.key, row.won, row.leads]).sort()).toEqual(
      [
        [String(a.postId), 1, 2],
        [String(b.postId), 1, 2],
      ].sort(),
    );
    expect(report.byAdvocate.map((row) => row.key).sort()).toEqual([alice.id, bob.id].sort());
    expect(report.summary.unattributed).toBe(0);
  });

  test("revenue by campaign and by network, and the outcome CSVs neutralise formulas in names", async () => {
    const teamId = await makeTeam();
    const advocate = await makeUser(["advocate"], teamId);
    const [campaign] = await db
      .insert(campaigns)
      .values({ name: `=Launch ${uid()}`, slug: `launch-${uid()}` })
      .returning({ id: campaigns.id, name: campaigns.name });
    const { postId } = await makeLivePost({ title: `@Outcome ${uid()}` });
    await db.update(posts).set({ campaignId: campaign!.id }).where(eq(posts.id, postId));
    await deal((await makeSharedLink(advocate, "linkedin", postId)).code, ["lead", "won"], ["900", "EUR"]);
    await deal((await makeSharedLink(advocate, "x", postId)).code, ["lead"]);
    const scope = { range: { from: null, to: null }, teamId };
    const report = await getOutcomeReport(scope, today);
    const figures = (list: typeof report.byCampaign) =>
      list.map((r) => [r.label, r.leads, r.won, moneyText(r.revenue)]);
    expect(figures(report.byCampaign)).toEqual([[campaign!.name, 2, 1, "EUR 900"]]);
    expect(figures(report.byNetwork)).toEqual([
      ["LinkedIn", 1, 1, "EUR 900"],
      ["X", 1, 0, "—"],
    ]);

    const period = resolvePeriod({ period: "all" }, { timeZone: "UTC" }).period;
    const csv = async (name: string) => {
      const exporter = EXPORTS[name]!;
      return csvResponse("t.csv", exporter.columns, await exporter.rows(scope, period)).text();
    };
    expect((await csv("outcomes-campaigns")).split(/\r?\n/)[1]).toBe(`'${campaign!.name},2,2,0,1,1,,EUR 900.00`);
    expect(await csv("outcomes-posts")).toContain(`'@Outcome`);
    expect((await csv("outcomes-networks")).split(/\r?\n/).slice(1, 3)).toEqual([
      "LinkedIn,1,1,0,1,1,,EUR 900.00",
      "X,1,1,0,0,0,,",
    ]);
  });

  test("revenue by period: each bucket of the click timeline holds its outcomes, amounts per currency", async () => {
    const teamId = await makeTeam();
    const { code } = await makeSharedLink(await makeUser(["advocate"], teamId));
    const at = (kind: string, day: string, amount?: [string, string]) =>
      recordConversion(
        {
          kind,
          externalId: `crm-${uid()}`,
          code,
          occurredAt: `${day}T12:00:00Z`,
          ...(amount ? { amount: amount[0], currency: amount[1] } : {}),
        },
        { source: "server" },
      );
    await at("won", "2026-01-05", ["300", "EUR"]);
    await at("lead", "2026-01-20");
    await at("won", "2026-01-21", ["40", "USD"]);
    await at("won", "2026-02-02", ["999", "EUR"]);
    const range = { from: "2026-01-01", to: "2026-01-31" };
    const points = await getOutcomeTimeline({ range, teamId }, { bucket: "week", ...range });
    expect(points.map((p) => [p.start, p.leads, p.won, moneyText(p.revenue)])).toEqual([
      ["2025-12-29", 0, 0, "—"],
      ["2026-01-05", 1, 1, "EUR 300"],
      ["2026-01-12", 0, 0, "—"],
      ["2026-01-19", 2, 1, "USD 40"],
      ["2026-01-26", 0, 0, "—"],
    ]);
  });

  test("unattributed conversions count in the company totals but in no team and for nobody", async () => {
    const before = await getOutcomeSummary({ range: { from: null, to: null } }, today);
    await recordConversion({ kind: "lead", externalId: `crm-${uid()}`, code: "Unknown9" }, { source: "server" });
    const after = await getOutcomeSummary({ range: { from: null, to: null } }, today);
    expect(after.leads - before.leads).toBe(1);
    expect(after.unattributed - before.unattributed).toBe(1);
  });

  test("cost per lead and ROI from the programme cost, in its currency only", async () => {
    const teamId = await makeTeam();
    const link = await makeSharedLink(await makeUser(["advocate"], teamId));
    await deal(link.code, ["lead", "won"], ["3000", "EUR"]);
    await deal(link.code, ["lead"]);
    await deal(link.code, ["won"], ["999", "USD"]);
    await withSettings({ programmeCostPerMonth: "1000", programmeCurrency: "EUR" }, async () => {
      // A 30-day range: ≈ 0.986 months of cost.
      const summary = await getOutcomeSummary(
        { range: { from: "2026-11-01", to: "2026-11-30" }, teamId },
        "2026-11-30",
      );
      const cost = Math.round(1000 * (30 / (365.25 / 12)) * 100) / 100;
      expect(summary.programmeCost).toMatchObject({ amount: cost, currency: "EUR" });
      expect(summary.leads).toBe(0);
      const allTime = await getOutcomeSummary({ range: { from: today, to: today }, teamId }, today);
      const day = Math.round(1000 * (1 / (365.25 / 12)) * 100) / 100;
      expect(allTime.leads).toBe(3);
      expect(allTime.costPerLead).toBe(Math.round((day / 3) * 100) / 100);
      expect(allTime.roi).toBeCloseTo((3000 - day) / day, 6);
    });
  });

  test("My stats' totals are the advocate's own credited conversions", async () => {
    const me = await makeSharedLink();
    await deal(me.code, ["lead", "won"], ["120", "GBP"]);
    const mine = await getOutcomeTotals({ range: { from: null, to: null }, advocateId: me.advocateId });
    expect(mine).toMatchObject({ leads: 1, won: 1, revenue: [{ currency: "GBP", amount: 120 }] });
  });
});

describe("the leaderboard", () => {
  test("conversion points default to 0, so conversions change no rank; the admin's value adds them", async () => {
    const teamId = await makeTeam();
    const link = await makeSharedLink(await makeUser(["advocate"], teamId));
    const before = await getLeaderboard({ viewerId: link.advocateId, teamId });
    await deal(link.code, ["lead", "opportunity", "won"], ["10", "EUR"]);
    await deal(link.code, ["lead"]);
    const after = await getLeaderboard({ viewerId: link.advocateId, teamId });
    expect(after.me).toMatchObject({ points: before.me!.points, influenced: 2 });
    await withSettings({ pointsConversion: 7 }, async () => {
      const scored = await getLeaderboard({ viewerId: link.advocateId, teamId });
      expect(scored.me!.points).toBe(before.me!.points + 14);
    });
  });

  test("team standings count the members' credited conversions at the same conversion points", async () => {
    const teamId = await makeTeam();
    const link = await makeSharedLink(await makeUser(["advocate"], teamId));
    const closer = await makeSharedLink(await makeUser(["advocate"], teamId));
    const team = async (range?: { from: string; to: string }) =>
      (await getTeamLeaderboard({ range })).find((row) => row.teamId === teamId)!;
    const before = await team();
    await deal(link.code, ["lead", "opportunity", "won"], ["10", "EUR"]);
    // A deal the CRM dates on a day the team shared nothing: the day's standings hold its points alone.
    const quietDay = { from: "2026-01-15", to: "2026-01-15" };
    await recordConversion(
      { kind: "lead", externalId: `crm-${uid()}`, code: closer.code, occurredAt: "2026-01-15T12:00:00Z" },
      { source: "server" },
    );
    expect(await team()).toMatchObject({ points: before.points, members: 2 });
    await withSettings({ pointsConversion: 7 }, async () => {
      const scored = await team();
      expect(scored.points).toBe(before.points + 2 * 7);
      expect(scored.pointsPerMember).toBe((before.points + 14) / 2);
      expect(await team(quietDay)).toMatchObject({ points: 7, shares: 0, sharers: 0, pointsPerMember: 3.5 });
    });
  });
});
