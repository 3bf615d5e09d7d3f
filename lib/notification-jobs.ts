import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, postEvents, posts, users } from "@/db/schema";
import { runDueJobs, type JobHandler } from "@/lib/jobs";
import { getLeaderboard } from "@/lib/leaderboard";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail";
import { mailTranslator } from "@/lib/mail-locale";
import { postJson } from "@/lib/outbound";
import { chatWebhookUrls, JOB, scheduleWeeklyDigest, type ChatDestination } from "@/lib/notifications";
import { appOrigin } from "@/lib/origin";
import { QUARTER_HANDLERS, scheduleQuarterReport } from "@/lib/outcomes/quarter-report";
import { inAudience, isLive } from "@/lib/posts";
import { PUSH_HANDLERS } from "@/lib/push";
import { pollSourceJob, scheduleSourcePolls, SOURCE_POLL_JOB } from "@/lib/content/feed-poll";
import { mailSuggestionDeclined, SUGGESTION_DECLINED_JOB } from "@/lib/content/suggestions";
import { RECOGNITION_HANDLERS, scheduleRecognition } from "@/lib/recognition/jobs";

/** The curator who wrote the post hears whether it was approved or sent back, with the reviewer's comment. */
const postDecision: JobHandler = async (payload) => {
  const [event] = await db
    .select({
      toStatus: postEvents.toStatus,
      comment: postEvents.comment,
      postId: posts.id,
      title: posts.title,
      authorEmail: users.email,
      authorActive: users.active,
      authorLocale: users.locale,
    })
    .from(postEvents)
    .innerJoin(posts, eq(posts.id, postEvents.postId))
    .innerJoin(users, eq(users.id, posts.authorId))
    .where(eq(postEvents.id, Number(payload.postEventId)));
  if (!event?.authorActive) return;
  const approved = event.toStatus === "approved";
  const t = mailTranslator(event.authorLocale);
  const title = event.title;
  const comment = event.comment ? `\n\n${t("decision.comment")}\n${event.comment}` : "";
  await sendMail({
    to: event.authorEmail,
    subject: approved ? t("decision.approvedSubject", { title }) : t("decision.rejectedSubject", { title }),
    text: approved
      ? `${t("decision.approved", { title })}${comment}\n\n${appOrigin()}/library`
      : `${t("decision.rejected", { title })}${comment}\n\n${t("decision.editAgain")} ${appOrigin()}/library`,
  });
};

/** Announces a live post in a Slack or Teams channel; both take { text } on their incoming webhooks. */
const newPostChat: JobHandler = async (payload) => {
  const destination = payload.destination as ChatDestination;
  const url = (await chatWebhookUrls())[destination];
  if (!url) return;
  const [post] = await db
    .select({ title: posts.title })
    .from(posts)
    .where(and(eq(posts.id, Number(payload.postId)), isLive()));
  if (!post) return;
  // Through the same address guard as the preview-image fetch: a private or local address is refused at connect.
  const status = await postJson(url, {
    text: `New post to share on Chorus: “${post.title}” ${appOrigin()}/feed`,
  }).catch((error: unknown) => {
    if (error instanceof Error && /is not allowed/.test(error.message))
      throw new Error(`${destination} webhook is on a private or local network address, which Chorus does not post to`);
    throw error;
  });
  if (status < 200 || status >= 300) throw new Error(`${destination} webhook answered ${status}`);
};

/** One digest job per active person for the week; their keys keep a second run from adding any. */
const digestSchedule: JobHandler = async (payload) => {
  const week = String(payload.week);
  await db.execute(sql`
    insert into ${jobs} (kind, key, payload)
    select ${JOB.digest}, 'digest:' || ${week} || ':' || u.id, jsonb_build_object('userId', u.id, 'week', ${week}::text)
    from ${users} u where u.active
    on conflict (key) do nothing`);
};

/** The weekly digest: new live posts for the person's audience and their standing on the leaderboard. */
const digest: JobHandler = async (payload) => {
  const [person] = await db
    .select({ id: users.id, email: users.email, teamId: users.teamId, active: users.active, locale: users.locale })
    .from(users)
    .where(eq(users.id, String(payload.userId)));
  if (!person?.active) return;
  const since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000);
  const fresh = await db
    .select({ title: posts.title })
    .from(posts)
    .where(
      and(
        isLive(),
        inAudience(person.teamId),
        sql`coalesce(${posts.publishAt}, ${posts.approvedAt}) >= ${since.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(desc(posts.approvedAt))
    .limit(10);
  const { me, total } = await getLeaderboard({ viewerId: person.id, pageSize: 1 });
  const t = mailTranslator(person.locale);
  const standing = me ? t("digest.standing", { points: me.points, rank: me.rank, total }) : t("digest.noPoints");
  const list = fresh.length ? fresh.map((post) => `• ${post.title}`).join("\n") : t("digest.noPosts");
  await sendMail({
    to: person.email,
    subject: t("digest.subject", { count: fresh.length }),
    text: `${t("digest.newPosts")}\n${list}\n\n${standing}\n\n${t("digest.shareFromFeed")} ${appOrigin()}/feed`,
  });
};

export const NOTIFICATION_HANDLERS: Record<string, JobHandler> = {
  [JOB.postDecision]: postDecision,
  [JOB.newPostChat]: newPostChat,
  [JOB.digestSchedule]: digestSchedule,
  [JOB.digest]: digest,
  ...QUARTER_HANDLERS,
  ...RECOGNITION_HANDLERS,
  [SUGGESTION_DECLINED_JOB]: mailSuggestionDeclined,
  ...PUSH_HANDLERS,
  [SOURCE_POLL_JOB]: pollSourceJob,
};

/**
 * One worker tick: schedule this week's digest and score run, the last quarter's report and ended challenges'
 * results if due, the content sources whose poll is due, then run what is due.
 */
export async function runNotifications(now = new Date()) {
  await scheduleWeeklyDigest(now);
  await scheduleQuarterReport(now);
  await scheduleRecognition(now);
  await scheduleSourcePolls(now);
  return runDueJobs(NOTIFICATION_HANDLERS, { now });
}

/** Polls the queue every few seconds in this process; any number of servers may run one (SKIP LOCKED). */
export function startNotificationWorker(intervalMs = Number(process.env.CHORUS_JOBS_POLL_MS ?? 5000)): {
  stop: () => Promise<void>;
} {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = runNotifications()
      .catch((error: unknown) => log.error("notification worker tick failed", { error: String(error) }))
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
