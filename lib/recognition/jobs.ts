import { addHours } from "date-fns";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { jobs, users } from "@/db/schema";
import { enqueueJob, type JobHandler } from "@/lib/jobs";
import { log } from "@/lib/log";
import { sendMail } from "@/lib/mail";
import { mailTranslator } from "@/lib/mail-locale";
import { postJson } from "@/lib/outbound";
import { fanOutPush } from "@/lib/push";
import { chatWebhookUrls, digestWeek, type ChatDestination } from "@/lib/notifications";
import { todayIn } from "@/lib/periods";
import { awardBadges } from "@/lib/recognition/badges";
import { getChallenge, resultLine } from "@/lib/recognition/challenges";
import { writeWeeklySnapshot } from "@/lib/recognition/snapshots";
import { recountVisitorMonths } from "@/lib/recognition/visitors";
import { getSettings } from "@/lib/settings";

export const RECOGNITION_JOB = {
  weekly: "recognition.weekly",
  challengeResult: "challenge.result",
  challengeMail: "mail.challenge_result",
  challengeChat: "chat.challenge_result",
} as const;

/** The weekly run starts at 01:00 on Monday, company time, after Sunday's last clicks are written. */
const SCORE_HOUR = 1;

const appUrl = () => (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");

/** The week `now` falls in (its Monday) and when its score run is due. */
export function scoreWeek(now: Date, timeZone: string): { week: string; dueAt: Date } {
  const { week, dueAt } = digestWeek(now, timeZone);
  return { week, dueAt: addHours(dueAt, SCORE_HOUR - 8) };
}

/**
 * Called on every worker tick with the worker's clock: queues this week's score run once it is due, and the
 * result of every challenge that has ended. Job keys make each happen once whatever the number of servers.
 */
export async function scheduleRecognition(now: Date = new Date()): Promise<void> {
  const { timeZone } = await getSettings();
  const { week, dueAt } = scoreWeek(now, timeZone);
  if (now >= dueAt)
    await enqueueJob(db, { kind: RECOGNITION_JOB.weekly, key: `score-week:${week}`, payload: { week } });
  const today = todayIn(timeZone, now);
  await db.execute(sql`
    insert into ${jobs} (kind, key, payload, run_at)
    select ${RECOGNITION_JOB.challengeResult}, 'challenge-result:' || c.id, jsonb_build_object('challengeId', c.id),
           ${now.toISOString()}::timestamptz
    from challenges c
    where c.ends_on < ${today}::date
      and not exists (select 1 from ${jobs} j where j.key = 'challenge-result:' || c.id)
    on conflict (key) do nothing`);
}

/** The weekly run: this week's score snapshot, the visitor counts of recent months, and new badges. */
const weekly: JobHandler = async (payload) => {
  const week = String(payload.week);
  const snapshots = await writeWeeklySnapshot(week);
  const months = await recountVisitorMonths(week);
  const awarded = await awardBadges();
  log.info("weekly recognition run", { week, snapshots, months, awarded });
};

/** An ended challenge: one mail job per person it was for, one chat job per configured channel. */
const challengeResult: JobHandler = async (payload) => {
  const challengeId = Number(payload.challengeId);
  const challenge = await getChallenge(challengeId);
  if (!challenge) return;
  await db.transaction(async (tx) => {
    const forTeam = challenge.teamId != null ? sql`u.team_id = ${challenge.teamId}` : sql`true`;
    await tx.execute(sql`
      insert into ${jobs} (kind, key, payload)
      select ${RECOGNITION_JOB.challengeMail}, 'challenge-result-mail:' || ${challengeId}::int || ':' || u.id,
             jsonb_build_object('challengeId', ${challengeId}::int, 'userId', u.id)
      from ${users} u where u.active and ${forTeam}
      on conflict (key) do nothing`);
    await fanOutPush(
      tx,
      `challenge:${challengeId}`,
      { title: "Challenge ended", body: challenge.title, url: "/me" },
      forTeam,
    );
    const urls = await chatWebhookUrls(tx);
    for (const destination of ["slack", "teams"] as const) {
      if (!urls[destination]) continue;
      await enqueueJob(tx, {
        kind: RECOGNITION_JOB.challengeChat,
        key: `challenge-result-chat:${destination}:${challengeId}`,
        payload: { challengeId, destination },
      });
    }
  });
};

const announcement = (c: NonNullable<Awaited<ReturnType<typeof getChallenge>>>) =>
  `The challenge “${c.title}”${c.team ? ` (${c.team})` : ""} has ended. ${resultLine(c)}` +
  (c.reward && c.progress >= c.goal ? ` Reward: ${c.reward}` : "");

const challengeMail: JobHandler = async (payload) => {
  const [person] = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, String(payload.userId)), eq(users.active, true)));
  const challenge = await getChallenge(Number(payload.challengeId));
  if (!person || !challenge) return;
  // The channel announcement stays in English (a channel has no language); the mail is in the person's.
  const t = mailTranslator(person.locale);
  const reached = challenge.progress >= challenge.goal;
  const text = [
    challenge.team
      ? t("challenge.endedTeam", { title: challenge.title, team: challenge.team })
      : t("challenge.ended", { title: challenge.title }),
    t("challenge.result", {
      reached: reached ? "yes" : "no",
      progress: challenge.progress,
      goal: challenge.goal,
      metric: challenge.metric,
    }),
    ...(challenge.reward && reached ? [t("challenge.reward", { reward: challenge.reward })] : []),
  ].join(" ");
  await sendMail({
    to: person.email,
    subject: t("challenge.subject", { title: challenge.title }),
    text: `${text}\n\n${t("challenge.seeStats")} ${appUrl()}/me`,
  });
};

const challengeChat: JobHandler = async (payload) => {
  const destination = payload.destination as ChatDestination;
  const url = (await chatWebhookUrls())[destination];
  const challenge = await getChallenge(Number(payload.challengeId));
  if (!url || !challenge) return;
  // Through the address guard, as every outbound request (lib/outbound.ts).
  const status = await postJson(url, { text: `${announcement(challenge)} ${appUrl()}/feed` });
  if (status < 200 || status >= 300) throw new Error(`${destination} webhook answered ${status}`);
};

export const RECOGNITION_HANDLERS: Record<string, JobHandler> = {
  [RECOGNITION_JOB.weekly]: weekly,
  [RECOGNITION_JOB.challengeResult]: challengeResult,
  [RECOGNITION_JOB.challengeMail]: challengeMail,
  [RECOGNITION_JOB.challengeChat]: challengeChat,
};
