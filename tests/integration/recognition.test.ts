import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { addDays, nextMonday } from "date-fns";
import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db, rows } from "@/db/client";
import {
  badges,
  jobs,
  outboxMessages,
  rollupDaily,
  scoreSnapshots,
  settings,
  suggestions,
  users,
  visitorMonths,
} from "@/db/schema";
import { writeClicks } from "@/lib/click-writer";
import { runNotifications } from "@/lib/notification-jobs";
import { recordConversion } from "@/lib/outcomes/record";
import { dateToDay, todayIn } from "@/lib/periods";
import { awardBadges, earnedBadges, getBadges, leaderboardBadges } from "@/lib/recognition/badges";
import { challengeInput, createChallenge, getChallenge } from "@/lib/recognition/challenges";
import { getMyScore, getSocialCapital, getTeamScores } from "@/lib/recognition/reports";
import { computeWeek, storedWeek } from "@/lib/recognition/snapshots";
import { reshareInternally } from "@/lib/reshares";
import { makeLivePost, makeSharedLink, makeTeam, makeUser, ORIGIN, pendingClick, withSettings } from "@/tests/helpers";

/** Counted clicks from `n` different visitors, plus anything in `extra`, on `link` at `at`. */
async function clicksOn(link: Awaited<ReturnType<typeof makeSharedLink>>, n: number, at = new Date(), tag = "v") {
  await writeClicks(
    Array.from({ length: n }, (_, i) =>
      pendingClick(link, {
        at,
        visitorHash: `${tag}-${link.id}-${i}`,
        previousVisitorHash: `${tag}-${link.id}-${i}-y`,
      }),
    ),
  );
}

/** The Monday after today (UTC is the company zone in the tests), 02:00: the weekly run is due then. */
const nextRun = () => {
  const monday = nextMonday(new Date());
  return { week: dateToDay(monday), now: new Date(`${dateToDay(monday)}T02:00:00Z`) };
};

/** Runs worker ticks (two at once: two servers) until no job matching `keyPattern` is waiting. */
async function workUntilDone(keyPattern: string, now?: Date) {
  for (let tick = 0; tick < 20; tick++) {
    await Promise.all([runNotifications(now ?? new Date()), runNotifications(now ?? new Date())]);
    const waiting = await db
      .select({ id: jobs.id })
      .from(jobs)
      .where(and(like(jobs.key, keyPattern), sql`${jobs.status} in ('queued', 'running')`));
    if (!waiting.length) return;
  }
  throw new Error(`jobs ${keyPattern} still waiting after 20 ticks`);
}

describe("weekly score snapshots", () => {
  test("the weekly job stores each advocate's score once, and recomputing the week later gives the same rows", async () => {
    const a = await makeSharedLink();
    const b = await makeSharedLink();
    const fb = await makeSharedLink(a.advocate, "facebook", a.postId);
    await clicksOn(a, 3);
    await clicksOn(b, 1);
    await clicksOn(fb, 2, new Date(), "fb");
    await writeClicks([pendingClick(a, { requestReason: "bot", visitorHash: "crawler" })]);

    const { week, now } = nextRun();
    await workUntilDone(`score-week:${week}`, now);
    const [job] = await db
      .select()
      .from(jobs)
      .where(eq(jobs.key, `score-week:${week}`));
    expect(job).toMatchObject({ status: "done", attempts: 1 });

    const stored = await storedWeek(week);
    const mine = stored.find((row) => row.advocateId === a.advocateId)!;
    // The Facebook share counts for nothing; its counted clicks do; the bot's click does not.
    expect(mine).toMatchObject({ shares: 1, weeksWithShare: 1, countedClicks: 5, reshares: 0 });
    expect(mine.score).toBeGreaterThan(stored.find((row) => row.advocateId === b.advocateId)!.score);

    // Activity after the week's window changes nothing about that week.
    await clicksOn(b, 50, addDays(now, 1), "later");
    expect(await computeWeek(week)).toEqual(stored);

    // A second run of the same week (another server, a retry) adds nothing.
    await db
      .update(jobs)
      .set({ status: "queued", runAt: new Date(0) })
      .where(eq(jobs.key, `score-week:${week}`));
    await workUntilDone(`score-week:${week}`, now);
    expect(await storedWeek(week)).toEqual(stored);
  });

  test("conversions credited to an advocate count toward amplification; unattributed ones toward nobody", async () => {
    const link = await makeSharedLink();
    const tag = Math.random().toString(36).slice(2);
    await recordConversion({ kind: "lead", externalId: `score-${tag}`, code: link.code }, { source: "server" });
    await recordConversion(
      { kind: "won", externalId: `score-${tag}`, code: link.code, amount: "10", currency: "EUR" },
      {
        source: "server",
      },
    );
    await recordConversion({ kind: "signup", externalId: `score-${tag}-2`, code: "Unknown1" }, { source: "server" });
    const { week } = nextRun();
    const mine = (await computeWeek(week)).find((row) => row.advocateId === link.advocateId)!;
    // One deal (lead, then won) counts once.
    expect(mine.conversions).toBe(1);
    expect(mine.amplification).toBeGreaterThan(0);
  });

  test("distinct counted visitors are kept per advocate and month", async () => {
    const link = await makeSharedLink();
    await clicksOn(link, 4);
    await writeClicks([pendingClick(link, { visitorHash: `v-${link.id}-0`, previousVisitorHash: "x" })]); // a repeat
    const { week, now } = nextRun();
    await db.delete(jobs).where(eq(jobs.key, `score-week:${week}`));
    await workUntilDone(`score-week:${week}`, now);
    const { timeZone } = (await db.select({ timeZone: settings.timeZone }).from(settings))[0]!;
    const month = `${todayIn(timeZone).slice(0, 7)}-01`;
    const [row] = await db
      .select({ visitors: visitorMonths.visitors })
      .from(visitorMonths)
      .where(and(eq(visitorMonths.advocateId, link.advocateId), sql`${visitorMonths.month} = ${month}::date`));
    expect(row?.visitors).toBe(4);
  });
});

describe("the test-only clock hook", () => {
  test("answers 404 and runs nothing unless CHORUS_TEST_HOOKS=1", async () => {
    const { POST } = await import("@/app/api/test/run-jobs/route");
    const { week, now } = nextRun();
    const call = () =>
      POST(new Request("https://chorus.test/api/test/run-jobs", { method: "POST", body: JSON.stringify({ now }) }));
    await db.delete(jobs).where(eq(jobs.key, `score-week:${week}`));
    expect((await call()).status).toBe(404);
    expect(
      await db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `score-week:${week}`)),
    ).toHaveLength(0);
    process.env.CHORUS_TEST_HOOKS = "1";
    try {
      expect((await call()).status).toBe(200);
    } finally {
      delete process.env.CHORUS_TEST_HOOKS;
    }
    expect(
      await db
        .select()
        .from(jobs)
        .where(eq(jobs.key, `score-week:${week}`)),
    ).toHaveLength(1);
  });
});

describe("badges", () => {
  test("each badge is awarded once, dated the day it was earned, however many writers award at once", async () => {
    const link = await makeSharedLink();
    await clicksOn(link, 100);
    const colleague = await makeUser();
    await reshareInternally(colleague, { parentLinkId: link.id, network: "linkedin", origin: ORIGIN });
    const results = await Promise.all(Array.from({ length: 4 }, () => awardBadges([link.advocateId])));
    expect(results.reduce((sum, n) => sum + n, 0)).toBe(3);
    const mine = await getBadges(link.advocateId);
    const today = todayIn("UTC");
    expect(mine.map((badge) => [badge.id, badge.awardedOn]).sort()).toEqual([
      ["clicks-100", today],
      ["first-reshare", today],
      ["first-share", today],
    ]);
    expect(await awardBadges([link.advocateId])).toBe(0);
    const stored = await db.select().from(badges).where(eq(badges.advocateId, link.advocateId));
    expect(stored).toHaveLength(3);
  });

  test("a Facebook share alone earns no badge", async () => {
    const link = await makeSharedLink(undefined, "facebook");
    expect(await awardBadges([link.advocateId])).toBe(0);
  });

  test("first influenced lead and first accepted suggestion: awarded once each, with the day, under concurrent writers", async () => {
    const link = await makeSharedLink();
    const tag = Math.random().toString(36).slice(2);
    // A signup is no lead; a lead credited through the link is; a later stage of the same deal adds nothing.
    await recordConversion({ kind: "signup", externalId: `b-${tag}-s`, code: link.code }, { source: "server" });
    expect((await earnedBadges([link.advocateId])).map((a) => a.badge)).not.toContain("first-lead");
    await recordConversion({ kind: "lead", externalId: `b-${tag}`, code: link.code }, { source: "server" });
    await recordConversion({ kind: "opportunity", externalId: `b-${tag}`, code: link.code }, { source: "server" });
    // Suggested by someone with no share at all: the everyone-run (the weekly job's) must still find them.
    const suggester = await makeUser();
    const decidedAt = new Date("2026-03-04T23:30:00Z");
    await db.insert(suggestions).values([
      { url: `https://example.com/a-${tag}`, suggestedById: suggester.id, status: "accepted", decidedAt },
      { url: `https://example.com/b-${tag}`, suggestedById: suggester.id, status: "accepted", decidedAt: new Date() },
      { url: `https://example.com/c-${tag}`, suggestedById: link.advocateId, status: "declined", decidedAt },
    ]);
    const results = await withSettings({ timeZone: "Asia/Tokyo" }, () =>
      Promise.all([awardBadges(), awardBadges(), awardBadges([link.advocateId, suggester.id])]),
    );
    expect(results.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(3);
    expect((await getBadges(link.advocateId)).map((badge) => [badge.id, badge.awardedOn]).sort()).toEqual([
      ["first-lead", todayIn("UTC")],
      ["first-share", todayIn("UTC")],
    ]);
    // Accepted at 23:30 UTC on 4 March: the 5th in the company's zone (Tokyo) when it was awarded.
    expect(await getBadges(suggester.id)).toMatchObject([
      { id: "first-suggestion", name: "First accepted suggestion", awardedOn: "2026-03-05" },
    ]);
    const stored = await db
      .select({ badge: badges.badge })
      .from(badges)
      .where(sql`${badges.advocateId} in (${link.advocateId}, ${suggester.id})`);
    expect(stored).toHaveLength(3);
    expect(await awardBadges([link.advocateId, suggester.id])).toBe(0);
  });

  test("the leaderboard shows badges beside names only when the admin turns them on, never beside a hidden name", async () => {
    const shown = await makeSharedLink();
    const hidden = await makeSharedLink();
    await db.update(users).set({ hideName: true }).where(eq(users.id, hidden.advocateId));
    await awardBadges([shown.advocateId, hidden.advocateId]);
    const ids = [shown.advocateId, hidden.advocateId];
    expect((await leaderboardBadges(false, ids)).size).toBe(0);
    const on = await leaderboardBadges(true, ids);
    expect(on.get(shown.advocateId)?.map((badge) => [badge.id, badge.icon, badge.name])).toEqual([
      ["first-share", "📣", "First share"],
    ]);
    expect(on.has(hidden.advocateId)).toBe(false);
    // The setting itself is off until an admin turns it on.
    expect((await db.select({ on: settings.leaderboardBadges }).from(settings))[0]?.on).toBe(false);
  });
});

describe("challenges", () => {
  const today = () => todayIn("UTC");
  const day = (offset: number) => dateToDay(addDays(new Date(`${today()}T12:00:00Z`), offset));

  test("progress is the team's rollups over the challenge's days", async () => {
    const teamId = await makeTeam();
    const curator = await makeUser(["advocate", "curator"]);
    const member = await makeUser(["advocate"], teamId);
    const other = await makeUser(["advocate"], teamId);
    const outsider = await makeUser();
    const { postId } = await makeLivePost();
    const input = (metric: string) =>
      challengeInput.parse({
        title: `Challenge ${metric}`,
        metric,
        goal: "10",
        teamId: String(teamId),
        startsOn: day(-1),
        endsOn: day(1),
      });
    const ids = {
      clicks: (await createChallenge(curator.id, input("counted_clicks"))).id,
      shares: (await createChallenge(curator.id, input("shares"))).id,
      participation: (await createChallenge(curator.id, input("participation"))).id,
    };
    const mine = await makeSharedLink(member, "linkedin", postId);
    await makeSharedLink(member, "facebook", postId);
    const theirs = await makeSharedLink(other, "x", postId);
    const outside = await makeSharedLink(outsider, "linkedin", postId);
    await clicksOn(mine, 3);
    await clicksOn(theirs, 2);
    await clicksOn(outside, 7);

    const [fromRollups] = await rows<{ clicks: number; shares: number; sharers: number }>(sql`
      select sum(r.counted_clicks)::int as clicks,
             (sum(r.shares) filter (where r.network <> 'facebook'))::int as shares,
             (count(distinct r.advocate_id) filter (where r.shares > 0 and r.network <> 'facebook'))::int as sharers
      from ${rollupDaily} r join ${users} u on u.id = r.advocate_id
      where u.team_id = ${teamId} and r.day between ${day(-1)}::date and ${day(1)}::date`);
    expect(fromRollups).toEqual({ clicks: 5, shares: 2, sharers: 2 });
    expect((await getChallenge(ids.clicks))!.progress).toBe(fromRollups!.clicks);
    expect((await getChallenge(ids.shares))!.progress).toBe(fromRollups!.shares);
    expect((await getChallenge(ids.participation))!.progress).toBe(fromRollups!.sharers);
  });

  test("an ended challenge's result is announced once by mail and Slack, with two workers", async () => {
    const hits: string[] = [];
    const receiver: Server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk));
      req.on("end", () => {
        hits.push(body);
        res.writeHead(200).end("ok");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    // The test's Slack is on loopback, which the address guard refuses unless told otherwise.
    vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
    await db
      .update(settings)
      .set({ slackWebhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/slack` });
    try {
      const teamId = await makeTeam();
      const curator = await makeUser(["advocate", "curator"]);
      const members = [await makeUser(["advocate"], teamId), await makeUser(["advocate"], teamId)];
      const outsider = await makeUser();
      const link = await makeSharedLink(members[0]);
      await db
        .update(rollupDaily)
        .set({ day: day(-2) })
        .where(eq(rollupDaily.advocateId, link.advocateId));
      const { id } = await createChallenge(
        curator.id,
        challengeInput.parse({
          title: "Share week",
          metric: "shares",
          goal: "1",
          teamId: String(teamId),
          startsOn: day(-3),
          endsOn: day(-1),
          reward: "Lunch",
        }),
      );
      await workUntilDone(`challenge-result%:${id}%`);
      await workUntilDone(`challenge-result%:${id}%`);
      for (const member of members) {
        const mails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, member.email));
        const results = mails.filter((mail) => mail.subject === "Challenge result: Share week");
        expect(results).toHaveLength(1);
        expect(results[0]!.text).toContain("Goal reached: 1 of 1 shares. Reward: Lunch");
      }
      const outsiderMails = await db.select().from(outboxMessages).where(eq(outboxMessages.to, outsider.email));
      expect(outsiderMails.filter((mail) => mail.subject.startsWith("Challenge result"))).toHaveLength(0);
      const announced = hits.filter((body) => body.includes("Share week"));
      expect(announced).toHaveLength(1);
    } finally {
      vi.unstubAllEnvs();
      await db.update(settings).set({ slackWebhookUrl: null });
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });
});

describe("score reports", () => {
  // Weeks far after any other test's, so they are the latest; the file's last tests, so they change no other.
  const snapshot = (week: string, advocateId: string, score: number, weeksWithShare = 1) => ({
    week,
    advocateId,
    score,
    ...{ consistency: score / 4, reach: score / 4, resonance: score / 4, amplification: score / 4 },
    ...{ weeksWithShare, shares: weeksWithShare, countedClicks: score, reshares: 0 },
  });

  test("the dashboard: bands and median by team of the latest week; visitors and median score per month", async () => {
    const teamId = await makeTeam();
    const [a, b, c] = [await makeUser(["advocate"], teamId), await makeUser(["advocate"], teamId), await makeUser()];
    await db
      .insert(scoreSnapshots)
      .values([
        snapshot("2099-02-23", a.id, 4),
        snapshot("2099-02-23", b.id, 8),
        snapshot("2099-03-02", a.id, 10),
        snapshot("2099-03-02", b.id, 90),
        snapshot("2099-03-02", c.id, 50),
      ]);
    await db.insert(visitorMonths).values([
      { month: "2099-02-01", advocateId: a.id, visitors: 7 },
      { month: "2099-02-01", advocateId: b.id, visitors: 5 },
    ]);
    const teams = await getTeamScores();
    expect(teams.week).toBe("2099-03-02");
    const mine = teams.rows.find((row) => row.advocates === 2 && row.team !== "No team");
    expect(mine).toMatchObject({ median: 50, bands: [1, 0, 0, 0, 1] });
    expect(teams.rows.find((row) => row.team === "No team")).toMatchObject({ advocates: 1, median: 50 });

    const months = await getSocialCapital("2099-03-15");
    expect(months).toHaveLength(12);
    expect(months[0]?.month).toBe("2098-04");
    expect(months.slice(-2)).toEqual([
      { month: "2099-02", label: "Feb 2099", visitors: 12, medianScore: 6 },
      { month: "2099-03", label: "Mar 2099", visitors: 0, medianScore: 50 },
    ]);
  });

  test("My stats: the latest score, 12 months of trend and the step that would raise it most", async () => {
    const me = await makeUser();
    const other = await makeUser();
    await db
      .insert(scoreSnapshots)
      .values([
        snapshot("2098-02-02", me.id, 30),
        snapshot("2098-06-01", me.id, 20),
        snapshot("2099-03-02", me.id, 24, 2),
        snapshot("2099-03-02", other.id, 60, 13),
      ]);
    const score = await getMyScore(me.id);
    expect(score.week).toBe("2099-03-02");
    expect(score.current).toMatchObject({ score: 24, weeksWithShare: 2 });
    // 2098-02-02 is more than 12 months before the latest week: not in the trend.
    expect(score.trend).toEqual([
      { week: "2098-06-01", score: 20 },
      { week: "2099-03-02", score: 24 },
    ]);
    expect(score.advice).toMatchObject({ part: expect.any(String), gain: expect.any(Number) });
    expect(score.advice!.gain).toBeGreaterThan(0);
    expect(score.advice!.message).toMatch(/point/);
  });
});
