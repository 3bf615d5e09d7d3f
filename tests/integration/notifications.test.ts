import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { jobs, posts, settings } from "@/db/schema";
import { enqueueJob, listRecentJobs, runDueJobs } from "@/lib/jobs";
import { runNotifications } from "@/lib/notification-jobs";
import { digestWeek, scheduleWeeklyDigest } from "@/lib/notifications";
import { transitionPost } from "@/lib/posts";
import { makeDraftPost, makeLivePost, makeTeam, makeUser } from "@/tests/helpers";

type Received = { to: string[]; raw: string };
const mails: Received[] = [];
let smtp: SMTPServer;

type Hit = { path: string; body: string };
const hits: Hit[] = [];
/** Answers each path with the listed statuses in turn (then 200): a flaky chat webhook. */
const plan = new Map<string, number[]>();
let receiver: Server;
let receiverUrl: string;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      const status = plan.get(req.url ?? "")?.shift() ?? 200;
      if (status === 200) hits.push({ path: req.url ?? "", body });
      res.writeHead(status).end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

const mailsTo = (email: string) => mails.filter((mail) => mail.to.includes(email));
const subjectOf = (mail: Received) => /^Subject: (.*)$/m.exec(mail.raw)?.[1];
const later = (ms: number) => new Date(Date.now() + ms);
const jobsWithKey = (key: string) => db.select().from(jobs).where(eq(jobs.key, key));

describe("post decisions", () => {
  test("an approval mails the curator once, through SMTP, however often the worker runs", async () => {
    const { postId, curator } = await makeDraftPost({ title: "Launch day" });
    const approver = await makeUser(["advocate", "approver"]);
    await transitionPost(curator, postId, "submit");
    await transitionPost(approver, postId, "approve");
    await runNotifications();
    await runNotifications();
    // (The worker also starts this week's digest run: only the decision mail is asserted on here.)
    const received = mailsTo(curator.email).filter((mail) => subjectOf(mail)?.startsWith("Approved"));
    expect(received).toHaveLength(1);
    expect(subjectOf(received[0]!)).toBe("Approved: Launch day");
  });

  test("a rejection mails the curator the reviewer's comment", async () => {
    const { postId, curator } = await makeDraftPost({ title: "Needs work" });
    const approver = await makeUser(["advocate", "approver"]);
    await transitionPost(curator, postId, "submit");
    await transitionPost(approver, postId, "reject", "Use the English landing page");
    await runNotifications();
    const [mail] = mailsTo(curator.email).filter((m) => subjectOf(m)?.startsWith("Changes requested"));
    expect(subjectOf(mail!)).toBe("Changes requested: Needs work");
    expect(mail!.raw).toContain("Use the English landing page");
  });

  test("a job key is queued once: a second enqueue of the same key adds nothing", async () => {
    expect(await enqueueJob(db, { kind: "test.noop", key: "same-key", payload: {} })).toBe(true);
    expect(await enqueueJob(db, { kind: "test.noop", key: "same-key", payload: {} })).toBe(false);
    expect(await jobsWithKey("same-key")).toHaveLength(1);
  });
});

describe("chat announcements", () => {
  // The test receiver is on 127.0.0.1, which only CHORUS_FETCH_PRIVATE_HOSTS=1 lets the worker post to.
  beforeEach(() => vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1"));
  afterEach(() => vi.unstubAllEnvs());

  test("a webhook on a loopback or private address is never posted to without CHORUS_FETCH_PRIVATE_HOSTS=1", async () => {
    vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "");
    await db.update(settings).set({ slackWebhookUrl: `${receiverUrl}/slack-private` });
    try {
      const { postId } = await makeLivePost({ title: "Stay outside" });
      await runNotifications();
      const [job] = await jobsWithKey(`new-post:slack:${postId}`);
      expect(job).toMatchObject({
        status: "queued",
        attempts: 1,
        lastError: "slack webhook is on a private or local network address, which Chorus does not post to",
      });
      expect(hits.filter((hit) => hit.path === "/slack-private")).toHaveLength(0);

      // The same job, once the operator allows private hosts (an intranet install), is delivered.
      vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
      const { NOTIFICATION_HANDLERS } = await import("@/lib/notification-jobs");
      await runDueJobs(NOTIFICATION_HANDLERS, { now: later(31_000) });
      expect(hits.filter((hit) => hit.path === "/slack-private")).toHaveLength(1);
    } finally {
      await db.update(settings).set({ slackWebhookUrl: null });
    }
  });

  test("a newly live post is announced to the Slack webhook; a failed delivery is retried with backoff and lands once", async () => {
    await db.update(settings).set({ slackWebhookUrl: `${receiverUrl}/slack` });
    plan.set("/slack", [500]);
    try {
      const { postId } = await makeLivePost({ title: "Big news" });
      const key = `new-post:slack:${postId}`;
      await runNotifications();
      const [afterFailure] = await jobsWithKey(key);
      expect(afterFailure).toMatchObject({ status: "queued", attempts: 1, lastError: "slack webhook answered 500" });
      expect(afterFailure!.runAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

      await runNotifications(); // not due yet
      expect(hits.filter((hit) => hit.path === "/slack")).toHaveLength(0);

      await runDueJobs((await import("@/lib/notification-jobs")).NOTIFICATION_HANDLERS, { now: later(31_000) });
      await runDueJobs((await import("@/lib/notification-jobs")).NOTIFICATION_HANDLERS, { now: later(10 * 60_000) });
      const delivered = hits.filter((hit) => hit.path === "/slack");
      expect(delivered).toHaveLength(1);
      expect(JSON.parse(delivered[0]!.body).text).toContain("Big news");
      expect((await jobsWithKey(key))[0]).toMatchObject({ status: "done", attempts: 2, lastError: null });
    } finally {
      await db.update(settings).set({ slackWebhookUrl: null });
    }
  });

  test("a post approved for a later publish time is announced then, not before", async () => {
    await db.update(settings).set({ teamsWebhookUrl: `${receiverUrl}/teams-later` });
    try {
      const { postId, curator } = await makeDraftPost({ title: "Embargoed" });
      await db
        .update(posts)
        .set({ publishAt: later(60 * 60_000) })
        .where(eq(posts.id, postId));
      await transitionPost(curator, postId, "submit");
      await transitionPost(await makeUser(["advocate", "approver"]), postId, "approve");
      const [job] = await jobsWithKey(`new-post:teams:${postId}`);
      expect(job!.runAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
      await runNotifications();
      expect(hits.filter((hit) => hit.path === "/teams-later")).toHaveLength(0);
    } finally {
      await db.update(settings).set({ teamsWebhookUrl: null });
    }
  });

  test("a webhook that keeps failing ends as a failed job the admin page lists, after five tries", async () => {
    await db.update(settings).set({ teamsWebhookUrl: `${receiverUrl}/teams-down` });
    plan.set("/teams-down", [500, 500, 500, 500, 500]);
    try {
      const { postId } = await makeLivePost({ title: "Nobody hears" });
      const { NOTIFICATION_HANDLERS } = await import("@/lib/notification-jobs");
      for (let i = 0; i < 6; i++) await runDueJobs(NOTIFICATION_HANDLERS, { now: later(i * 2 * 60 * 60_000) });
      const [job] = await jobsWithKey(`new-post:teams:${postId}`);
      expect(job).toMatchObject({ status: "failed", attempts: 5, lastError: "teams webhook answered 500" });
      const failed = await listRecentJobs({ status: "failed" });
      expect(failed.items.map((row) => row.key)).toContain(`new-post:teams:${postId}`);
      expect(hits.filter((hit) => hit.path === "/teams-down")).toHaveLength(0);
    } finally {
      await db.update(settings).set({ teamsWebhookUrl: null });
    }
  });
});

describe("weekly digest", () => {
  test("each active advocate gets one digest a week with the new posts for their audience and their standing", async () => {
    const sales = await makeTeam();
    const engineering = await makeTeam();
    const advocate = await makeUser(["advocate"], sales);
    const engineer = await makeUser(["advocate"], engineering);
    await makeLivePost({ title: "For everyone" });
    await makeLivePost({ title: "Engineers only", teams: [engineering] });

    // Monday 09:00 UTC of next week: the digest is due.
    const now = new Date(`${digestWeek(later(7 * 86_400_000), "UTC").week}T09:00:00Z`);
    expect(await scheduleWeeklyDigest(new Date(`${digestWeek(now, "UTC").week}T07:00:00Z`))).toBe(false);
    await runNotifications(now);
    await runNotifications(now);
    await runNotifications(now);

    const [advocateMail] = mailsTo(advocate.email);
    expect(mailsTo(advocate.email)).toHaveLength(1);
    expect(subjectOf(advocateMail!)).toMatch(/^Your Chorus week: \d+ new posts? to share$/);
    expect(advocateMail!.raw).toContain("For everyone");
    expect(advocateMail!.raw).not.toContain("Engineers only");
    expect(advocateMail!.raw).toContain("points");
    expect(mailsTo(engineer.email)[0]!.raw).toContain("Engineers only");
    expect(await jobsWithKey(`digest:${digestWeek(now, "UTC").week}:${advocate.id}`)).toHaveLength(1);
  });

  test("the digest is due on Monday 08:00 in the company's time zone", async () => {
    // Tokyo is UTC+9 all year: Monday 2027-03-01 08:00 there is Sunday 2027-02-28 23:00 UTC.
    expect(digestWeek(new Date("2027-02-28T23:00:00Z"), "Asia/Tokyo")).toEqual({
      week: "2027-03-01",
      dueAt: new Date("2027-02-28T23:00:00Z"),
    });
    expect(digestWeek(new Date("2027-02-28T23:00:00Z"), "UTC").week).toBe("2027-02-22");
    // New York on a DST Monday (2027-03-15, UTC-4): 08:00 there is 12:00 UTC.
    expect(digestWeek(new Date("2027-03-17T12:00:00Z"), "America/New_York").dueAt).toEqual(
      new Date("2027-03-15T12:00:00Z"),
    );

    await db.update(settings).set({ timeZone: "Asia/Tokyo" });
    try {
      expect(await scheduleWeeklyDigest(new Date("2027-02-28T22:59:00Z"))).toBe(false);
      expect(await scheduleWeeklyDigest(new Date("2027-02-28T23:00:00Z"))).toBe(true);
      expect(await jobsWithKey("digest-schedule:2027-03-01")).toHaveLength(1);
      // A second server's tick, or the next one, adds nothing.
      expect(await scheduleWeeklyDigest(new Date("2027-02-28T23:05:00Z"))).toBe(false);
    } finally {
      await db.update(settings).set({ timeZone: "UTC" });
    }
  });
});
