import { and, count, eq, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@/db/client";
import { rollupDaily, shares, trackedLinks, type Network } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import type { SessionUser } from "@/lib/auth";
import { enforceCaption } from "@/lib/content/captions";
import { newLinkCode, shortUrl } from "@/lib/link-codes";
import type { Locale } from "@/lib/locale";
import { getShareablePost } from "@/lib/posts";
import { getSettings } from "@/lib/settings";
import { addToRollup } from "@/lib/rollups";
import { shareIntentUrl, X_LIMIT, X_LINK_LENGTH, xLength } from "@/lib/share-intents";
import { dayIn } from "@/lib/time";

export { buildTargetUrl, LINK_CODE, newLinkCode, shortUrl } from "@/lib/link-codes";

/** The one link of (advocate, post, network): reused when it exists, else created with a fresh unique code. */
export async function getOrCreateLink(
  tx: Tx,
  advocateId: string,
  postId: number,
  network: Network,
): Promise<{ id: number; code: string }> {
  const owner = and(
    eq(trackedLinks.advocateId, advocateId),
    eq(trackedLinks.postId, postId),
    eq(trackedLinks.network, network),
    ne(trackedLinks.origin, "embed"),
  );
  for (let attempt = 0; attempt < 5; attempt++) {
    const [existing] = await tx
      .select({ id: trackedLinks.id, code: trackedLinks.code })
      .from(trackedLinks)
      .where(owner)
      .limit(1);
    if (existing) return existing;
    // Conflicts on the code (a collision) or on the owner (a concurrent share) both land here and retry.
    const [created] = await tx
      .insert(trackedLinks)
      .values({ code: newLinkCode(), advocateId, postId, network })
      .onConflictDoNothing()
      .returning({ id: trackedLinks.id, code: trackedLinks.code });
    if (created) return created;
  }
  throw new Error("could not allocate a link code");
}

export type ShareResult = {
  code: string;
  shortUrl: string;
  intentUrl: string | null;
  caption: string;
  earnsPoints: boolean;
};
type ShareablePost = NonNullable<Awaited<ReturnType<typeof getShareablePost>>>;

/**
 * Shares inside `tx` through `link`: the share row (with the exact caption it opened with) and its rollup.
 * The caption follows the compliance rules whatever the client sent (lib/content/compliance.ts). Fair play
 * (docs/product.md#points): a repeat share of the same post to the same network and shares past the daily cap
 * earn no share points.
 */
export async function writeShare(
  tx: Tx,
  advocate: SessionUser,
  post: ShareablePost,
  network: Network,
  link: { id: number; code: string },
  input: { caption?: string; origin: string },
): Promise<ShareResult> {
  const settings = await getSettings(tx);
  const text = enforceCaption(post, network, input.caption, settings);
  if (network === "x" && xLength(text) > X_LIMIT) {
    throw new DomainError(
      "invalid",
      `Too long for X: ${xLength(text)} of ${X_LIMIT} characters (the link counts as ${X_LINK_LENGTH}).`,
      { caption: ["Shorten the caption for X"] },
    );
  }
  const now = new Date();
  const today = dayIn(settings.timeZone, now);
  const [repeat] = await tx
    .select({ n: count() })
    .from(shares)
    .where(and(eq(shares.advocateId, advocate.id), eq(shares.postId, post.id), eq(shares.network, network)));
  // Shares that earn nothing (Facebook at its default 0 points) do not use up the daily cap.
  const [scoredToday] = await tx
    .select({ n: sql<number>`coalesce(sum(${rollupDaily.scoredShares}), 0)::int` })
    .from(rollupDaily)
    .where(
      and(
        eq(rollupDaily.advocateId, advocate.id),
        eq(rollupDaily.day, today),
        settings.pointsShareFacebook === 0 ? ne(rollupDaily.network, "facebook") : undefined,
      ),
    );
  const earnsPoints = (repeat?.n ?? 0) === 0 && (scoredToday?.n ?? 0) < settings.dailyShareCap;

  await tx.insert(shares).values({
    advocateId: advocate.id,
    postId: post.id,
    network,
    linkId: link.id,
    earnsPoints,
    caption: text,
    createdAt: now,
  });
  await addToRollup(
    tx,
    { day: today, advocateId: advocate.id, postId: post.id, network },
    { shares: 1, scoredShares: earnsPoints ? 1 : 0 },
  );
  const url = shortUrl(input.origin, link.code);
  return {
    code: link.code,
    shortUrl: url,
    intentUrl: shareIntentUrl(network, url, text, post.title),
    caption: text,
    earnsPoints,
  };
}

/**
 * Starts a share transaction: one advocate's shares are serialised so the cap and the repeat rule cannot be raced.
 * The post is read in the advocate's `language` (its variant's texts), as their feed showed it.
 */
export async function shareTransaction<T>(
  advocate: SessionUser,
  postId: number,
  language: Locale | undefined,
  run: (tx: Tx, post: ShareablePost) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${advocate.id}))`);
    const post = await getShareablePost(advocate, postId, tx, language);
    if (!post) throw new DomainError("not_found", "This post is not available for sharing.");
    return run(tx, post);
  });
}

/** Records that the advocate shared a post to a network through their own tracked link (reused). */
export async function recordShare(
  advocate: SessionUser,
  {
    postId,
    network,
    caption,
    origin,
    language,
  }: { postId: number; network: Network; caption?: string; origin: string; language?: Locale },
): Promise<ShareResult> {
  return shareTransaction(advocate, postId, language, async (tx, post) => {
    const link = await getOrCreateLink(tx, advocate.id, postId, network);
    return writeShare(tx, advocate, post, network, link, { caption, origin });
  });
}
