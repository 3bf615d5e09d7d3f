import { and, eq, like } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { jobs, outboxMessages } from "@/db/schema";
import { runDueJobs } from "@/lib/jobs";
import { NOTIFICATION_HANDLERS } from "@/lib/notification-jobs";
import { getQuarterReport, listQuarterReports, scheduleQuarterReport } from "@/lib/outcomes/quarter-report";
import { recordConversion } from "@/lib/outcomes/record";
import { elapsedShare, getTargetProgress, parseQuarter, quarterAt, setTargets } from "@/lib/outcomes/targets";
import { makeSharedLink, makeTeam, makeUser } from "@/tests/helpers";

describe("quarters in the company time zone", () => {
  test("a quarter's days and the share gone by follow the zone, not the server's clock", () => {
    // 1 Oct 2026 00:30 in Auckland is still 30 September in UTC.
    const at = new Date("2026-09-30T11:30:00Z");
    expect(quarterAt(at, "UTC")).toMatchObject({ name: "2026-Q3", from: "2026-07-01", to: "2026-09-30" });
    expect(quarterAt(at, "Pacific/Auckland")).toMatchObject({ name: "2026-Q4", from: "2026-10-01", to: "2026-12-31" });
    const q4 = parseQuarter("2026-Q4", "UTC")!;
    expect(elapsedShare(q4, new Date("2026-10-01T00:00:00Z"))).toBe(0);
    expect(elapsedShare(q4, new Date("2026-11-15T12:00:00Z"))).toBeCloseTo(45.5 / 92, 6);
    expect(elapsedShare(q4, new Date("2027-02-01T00:00:00Z"))).toBe(1);
    expect(parseQuarter("2026-Q5", "UTC")).toBeNull();
  });
});

describe("targets", () => {
  test("actual against target with pace: on track, behind, achieved, per team", async () => {
    const leader = await makeUser(["advocate", "leader"]);
    const teamId = await makeTeam();
    const link = await makeSharedLink(await makeUser(["advocate"], teamId));
    const now = new Date();
    const quarter = quarterAt(now, "UTC");
    for (let i = 0; i < 3; i++)
      await recordConversion(
        { kind: "lead", externalId: `t-${i}-${link.code}`, code: link.code },
        { source: "server" },
      );
    await recordConversion(
      { kind: "won", externalId: `t-0-${link.code}`, amount: "500", currency: "EUR" },
      { source: "server" },
    );
    await setTargets(leader.id, {
      quarter: quarter.name,
      teamId,
      participation: null,
      counted_clicks: "1000000",
      reshares: null,
      leads: "3",
      revenue: "400",
      revenueCurrency: "EUR",
    });
    const rows = await getTargetProgress(quarter, { teamId, now });
    const byMetric = Object.fromEntries(rows.map((r) => [r.label, r.status]));
    expect(byMetric).toEqual({ "Counted clicks": "behind", Leads: "achieved", "Revenue (EUR)": "achieved" });
    // At the very start of the quarter nothing is expected yet: every total is on track.
    const early = await getTargetProgress(quarter, { teamId, now: quarter.start });
    expect(early.find((r) => r.metric === "counted_clicks")!.status).toBe("on_track");
    // Company-wide targets are separate from the team's.
    expect(await getTargetProgress(quarter, { now })).toEqual([]);
  });
});

describe("the quarterly management report", () => {
  test("sent once per leader and admin with the CSV, however many servers schedule it and workers run", async () => {
    const leader = await makeUser(["advocate", "leader"]);
    const admin = await makeUser(["advocate", "admin"]);
    const advocate = await makeUser(["advocate"]);
    const now = new Date("2027-01-02T09:00:00Z");
    const results = await Promise.all([scheduleQuarterReport(now), scheduleQuarterReport(now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // Two workers drain the queue side by side until nothing is due.
    for (let round = 0; round < 5; round++) {
      await Promise.all([runDueJobs(NOTIFICATION_HANDLERS), runDueJobs(NOTIFICATION_HANDLERS)]);
    }
    expect(await scheduleQuarterReport(now)).toBe(false);
    const mails = await db
      .select({ to: outboxMessages.to, text: outboxMessages.text })
      .from(outboxMessages)
      .where(like(outboxMessages.subject, "Chorus 2026-Q4%"));
    const recipients = mails.map((m) => m.to);
    expect(new Set(recipients).size).toBe(recipients.length);
    expect(recipients).toEqual(expect.arrayContaining([leader.email, admin.email]));
    expect(recipients).not.toContain(advocate.email);
    expect(mails[0]!.text).toContain("Attached: chorus-2026-Q4.csv");
    const failed = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.status, "failed")));
    expect(failed).toEqual([]);
    expect((await listQuarterReports()).map((r) => r.quarter)).toEqual(["2026-Q4"]);
    const report = await getQuarterReport("2026-Q4");
    expect(report!.csv).toContain("Section,Measure,Value,Target,Status");
    expect(report!.csv).toContain("Counted clicks");
  });
});
