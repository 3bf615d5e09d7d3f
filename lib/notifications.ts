import { tz } from "@date-fns/tz";
import { format, setHours, startOfWeek } from "date-fns";
import { eq } from "drizzle-orm";
import { db, type Db, type Tx } from "@/db/client";
import { posts } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs";
import { WEEK_STARTS_ON } from "@/lib/periods";
import { enqueueNewPostPush } from "@/lib/push";
import { getSettings } from "@/lib/settings";

/** The notification jobs (docs/architecture.md#jobs); their handlers are in lib/notification-jobs.ts. */
export const JOB = {
  postDecision: "mail.post_decision",
  newPostChat: "chat.new_post",
  digestSchedule: "digest.schedule",
  digest: "mail.digest",
} as const;

export type ChatDestination = "slack" | "teams";

/** Slack and Teams incoming-webhook URLs: the environment wins over the admin's setting. */
export async function chatWebhookUrls(on: Pick<Tx, "select"> = db): Promise<Record<ChatDestination, string | null>> {
  const saved = await getSettings(on);
  return {
    slack: process.env.SLACK_WEBHOOK_URL || saved.slackWebhookUrl,
    teams: process.env.TEAMS_WEBHOOK_URL || saved.teamsWebhookUrl,
  };
}

/**
 * Called inside transitionPost's transaction: the curator hears of the decision, and a newly approved post is
 * announced in chat and on its audience's phones when it goes live (at its publish time). Keys make each happen
 * once.
 */
export async function enqueuePostDecision(
  tx: Tx,
  input: { postId: number; postEventId: number; decision: "approve" | "reject" },
): Promise<void> {
  await enqueueJob(tx, {
    kind: JOB.postDecision,
    key: `post-decision:${input.postEventId}`,
    payload: { postEventId: input.postEventId },
  });
  if (input.decision !== "approve") return;
  const [post] = await tx.select({ publishAt: posts.publishAt }).from(posts).where(eq(posts.id, input.postId));
  const runAt = post?.publishAt && post.publishAt > new Date() ? post.publishAt : new Date();
  await enqueueNewPostPush(tx, input.postId, runAt);
  const urls = await chatWebhookUrls(tx);
  for (const destination of ["slack", "teams"] as const) {
    if (!urls[destination]) continue;
    await enqueueJob(tx, {
      kind: JOB.newPostChat,
      key: `new-post:${destination}:${input.postId}`,
      payload: { postId: input.postId, destination },
      runAt,
    });
  }
}

const DIGEST_HOUR = 8;

/**
 * The week `now` falls in, in the company's time zone: named by its Monday (YYYY-MM-DD), and due from
 * Monday 08:00 there, when people start their week.
 */
export function digestWeek(now: Date, timeZone: string): { week: string; dueAt: Date } {
  const monday = startOfWeek(now, { weekStartsOn: WEEK_STARTS_ON, in: tz(timeZone) });
  return { week: format(monday, "yyyy-MM-dd"), dueAt: setHours(monday, DIGEST_HOUR) };
}

/** The week's digest run: once per week however many servers tick, from Monday 08:00 company time on. */
export async function scheduleWeeklyDigest(now: Date = new Date(), on: Db = db): Promise<boolean> {
  const { week, dueAt } = digestWeek(now, (await getSettings(on)).timeZone);
  if (now < dueAt) return false;
  return enqueueJob(on, { kind: JOB.digestSchedule, key: `digest-schedule:${week}`, payload: { week } });
}
