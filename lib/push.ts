import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import webpush from "web-push";
import { z } from "zod";
import { dataDir, db, type Db, type Tx } from "@/db/client";
import { jobs, postTeams, pushSubscriptions, posts, users } from "@/db/schema";
import { enqueueJob, type JobHandler } from "@/lib/jobs";
import { log } from "@/lib/log";
import { postBytes, privateHostsAllowed } from "@/lib/outbound";
import { appOrigin } from "@/lib/origin";
import { isLive } from "@/lib/posts";

/**
 * Web Push (README "Notifications on your phone"): a person turns it on per device; Chorus tells them when a post
 * goes live for their audience and when a challenge they were in has ended. One job per subscription and cause,
 * keyed, so each device hears of each thing once; a subscription the push service calls gone (404/410) is removed.
 */
export const PUSH_JOB = {
  newPostFanout: "push.new_post_fanout",
  send: "push.send",
} as const;

type VapidKeys = { publicKey: string; privateKey: string };

/**
 * VAPID keys from VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY, else made once and kept in the data folder (several
 * servers on one database share the environment's keys: a browser's subscription is bound to one public key).
 */
export function vapidKeys(): VapidKeys {
  const { VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY } = process.env;
  if (VAPID_PUBLIC_KEY && VAPID_PRIVATE_KEY) return { publicKey: VAPID_PUBLIC_KEY, privateKey: VAPID_PRIVATE_KEY };
  const file = path.join(/*turbopackIgnore: true*/ dataDir(), "vapid.json");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    // wx: two servers starting together on one data folder keep the first one's keys.
    try {
      writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return JSON.parse(readFileSync(file, "utf8")) as VapidKeys;
}

/** Who the push services may contact about Chorus's messages: VAPID_SUBJECT, else the site or a mailto. */
function vapidSubject(): string {
  if (process.env.VAPID_SUBJECT) return process.env.VAPID_SUBJECT;
  const origin = new URL(appOrigin());
  return origin.protocol === "https:" ? origin.origin : `mailto:chorus@${origin.hostname}`;
}

const base64url = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+=*$/, "Not base64url.");

/** What a browser's PushSubscription.toJSON() gives; the endpoint is the push service's https URL. */
export const pushSubscriptionInput = z.object({
  endpoint: z
    .string()
    .max(2000)
    .url()
    .refine((url) => url.startsWith("https://") || (privateHostsAllowed() && url.startsWith("http://")), {
      // (Plain http only for a test push service on this machine.)
      message: "A push endpoint is an https URL.",
    }),
  keys: z.object({ p256dh: base64url, auth: base64url }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;

/** Saves this device's subscription for the person (a re-subscribe of the same endpoint moves it to them). */
export async function saveSubscription(userId: string, input: PushSubscriptionInput): Promise<void> {
  const values = { userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth };
  await db
    .insert(pushSubscriptions)
    .values(values)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: values });
}

/** Removes one of the person's own subscriptions; someone else's endpoint is left alone. */
export async function removeSubscription(userId: string, endpoint: string): Promise<boolean> {
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))
    .returning({ id: pushSubscriptions.id });
  return removed.length > 0;
}

export async function subscriptionCount(userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId));
  return row?.n ?? 0;
}

/** Called beside the post's approval: at its publish time, every subscribed device of its audience hears of it. */
export async function enqueueNewPostPush(tx: Tx, postId: number, runAt: Date): Promise<void> {
  await enqueueJob(tx, { kind: PUSH_JOB.newPostFanout, key: `push-new-post:${postId}`, payload: { postId }, runAt });
}

/**
 * One send job per subscription of the people `audience` selects (a SQL condition on users `u`), keyed by
 * `cause` so a second fan-out adds nothing.
 */
export async function fanOutPush(
  on: Db | Tx,
  cause: string,
  message: { title: string; body: string; url: string },
  audience = sql`true`,
): Promise<void> {
  await on.execute(sql`
    insert into ${jobs} (kind, key, payload)
    select ${PUSH_JOB.send}, 'push:' || ${cause}::text || ':' || s.id,
           jsonb_build_object('subscriptionId', s.id, 'title', ${message.title}::text,
                              'body', ${message.body}::text, 'url', ${message.url}::text)
    from ${pushSubscriptions} s join ${users} u on u.id = s.user_id
    where u.active and ${audience}
    on conflict (key) do nothing`);
}

const newPostFanout: JobHandler = async (payload) => {
  const postId = Number(payload.postId);
  const [post] = await db
    .select({ title: posts.title, audience: posts.audience })
    .from(posts)
    .where(and(eq(posts.id, postId), isLive()));
  if (!post) return;
  const forTeam =
    post.audience === "all"
      ? sql`true`
      : sql`exists (select 1 from ${postTeams} pt where pt.post_id = ${postId} and pt.team_id = u.team_id)`;
  await fanOutPush(db, `new-post:${postId}`, { title: "New post to share", body: post.title, url: "/feed" }, forTeam);
};

/** Encrypts and signs with the library, sends through Chorus's own address guard. */
const send: JobHandler = async (payload) => {
  const [subscription] = await db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.id, Number(payload.subscriptionId)));
  if (!subscription) return;
  const { publicKey, privateKey } = vapidKeys();
  const message = JSON.stringify({ title: payload.title, body: payload.body, url: payload.url });
  const request = webpush.generateRequestDetails(
    { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
    message,
    { vapidDetails: { subject: vapidSubject(), publicKey, privateKey }, TTL: 24 * 60 * 60 },
  );
  const status = await postBytes(request.endpoint, request.body ?? Buffer.alloc(0), request.headers);
  if (status === 404 || status === 410) {
    await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
    log.info("push subscription gone: removed", { subscriptionId: subscription.id, status });
    return;
  }
  if (status < 200 || status >= 300) throw new Error(`push service answered ${status}`);
};

export const PUSH_HANDLERS: Record<string, JobHandler> = {
  [PUSH_JOB.newPostFanout]: newPostFanout,
  [PUSH_JOB.send]: send,
};
