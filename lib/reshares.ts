import { and, count, desc, eq, gt, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { posts, shares, teams, trackedLinks, users, type Network } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { newLinkCode, shortUrl } from "@/lib/link-codes";
import type { Locale } from "@/lib/locale";
import { shareTransaction, writeShare, type ShareResult } from "@/lib/links";
import { offsetOf } from "@/lib/pagination";
import { inAudience, isLive } from "@/lib/posts";
import { creditReshare } from "@/lib/reshare-credits";
import { getSettings } from "@/lib/settings";
import { shareIntentUrl } from "@/lib/share-intents";

export const ACTIVITY_PAGE_SIZE = 30;
/** How far back the activity feed looks: older shares are not much of a conversation to join. */
export const ACTIVITY_DAYS = 30;

/** Colleagues' recent shares of posts I may share, newest first, a page at a time: the activity feed that internal reshares start from. */
export async function listColleagueShares(advocate: SessionUser, { page, postId }: { page: number; postId?: number }) {
  // A colleague who shared the same link twice appears once, at their latest share.
  const latest = db.$with("latest").as(
    db
      .select({
        linkId: shares.linkId,
        advocateId: shares.advocateId,
        postId: shares.postId,
        network: shares.network,
        sharedAt: sql<Date>`max(${shares.createdAt})`.mapWith(shares.createdAt).as("shared_at"),
      })
      .from(shares)
      .innerJoin(posts, eq(posts.id, shares.postId))
      .where(
        and(
          ne(shares.advocateId, advocate.id),
          isLive(),
          inAudience(advocate.teamId),
          gt(shares.createdAt, sql`now() - make_interval(days => ${ACTIVITY_DAYS})`),
          postId ? eq(shares.postId, postId) : undefined,
        ),
      )
      .groupBy(shares.linkId, shares.advocateId, shares.postId, shares.network),
  );
  const [items, [total]] = await Promise.all([
    db
      .with(latest)
      .select({
        linkId: latest.linkId,
        sharedAt: latest.sharedAt,
        network: latest.network,
        postId: posts.id,
        title: posts.title,
        url: posts.url,
        colleague: sql<string>`case when ${users.hideName} then 'A colleague' else coalesce(${users.name}, split_part(${users.email}, '@', 1)) end`,
        team: teams.name,
      })
      .from(latest)
      .innerJoin(users, eq(users.id, latest.advocateId))
      .leftJoin(teams, eq(teams.id, users.teamId))
      .innerJoin(posts, eq(posts.id, latest.postId))
      .orderBy(desc(latest.sharedAt), desc(latest.linkId))
      .limit(ACTIVITY_PAGE_SIZE)
      .offset(offsetOf(page, ACTIVITY_PAGE_SIZE)),
    db.with(latest).select({ n: count() }).from(latest),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** What a reshare needs of the share it comes from. */
const parentColumns = {
  id: trackedLinks.id,
  advocateId: trackedLinks.advocateId,
  postId: trackedLinks.postId,
  network: trackedLinks.network,
};

/**
 * Internal reshare: I share a colleague's share. My link records theirs as parent and they are
 * credited one reshare. If I already have my own link for that post and network, it is reused and nobody is
 * credited again.
 */
export async function reshareInternally(
  advocate: SessionUser,
  input: { parentLinkId: number; network: Network; caption?: string; origin: string; language?: Locale },
): Promise<ShareResult & { credited: boolean }> {
  const [parent] = await db
    .select(parentColumns)
    .from(trackedLinks)
    .where(and(eq(trackedLinks.id, input.parentLinkId), ne(trackedLinks.origin, "embed")))
    .limit(1);
  if (!parent) throw new DomainError("not_found", "That share no longer exists.");
  if (parent.advocateId === advocate.id)
    throw new DomainError("invalid", "This is your own share: share the post from the feed instead.");
  return shareTransaction(advocate, parent.postId, input.language, async (tx, post) => {
    const mine = and(
      eq(trackedLinks.advocateId, advocate.id),
      eq(trackedLinks.postId, post.id),
      eq(trackedLinks.network, input.network),
      ne(trackedLinks.origin, "embed"),
    );
    const [existing] = await tx
      .select({ id: trackedLinks.id, code: trackedLinks.code })
      .from(trackedLinks)
      .where(mine)
      .limit(1);
    let link = existing;
    let credited = false;
    if (!link) {
      [link] = await tx
        .insert(trackedLinks)
        .values({
          code: newLinkCode(),
          advocateId: advocate.id,
          postId: post.id,
          network: input.network,
          origin: "reshare",
          parentLinkId: parent.id,
        })
        .returning({ id: trackedLinks.id, code: trackedLinks.code });
      credited = await creditReshare(tx, parent, { kind: "internal", childLinkId: link!.id });
    }
    const result = await writeShare(tx, advocate, post, input.network, link!, input);
    return { ...result, credited };
  });
}

const EMBED_LINK_WINDOW = sql`now() - interval '24 hours'`;

/**
 * External reshare: a visitor who arrived through `parentCode` shares the page onward from the company's site.
 * They get a child link whose clicks count as the chain's reach; the same visitor asking again within 24 h gets
 * the same link. Nobody is credited here: the reshare is credited when someone else's counted click arrives on
 * the child link (creditEmbedReshares, in the click writer), since anyone can ask for links.
 */
export async function createEmbedChildLink(input: {
  parentCode: string;
  network: Network;
  visitorHash: string;
  /** The asking visitor's address hash (addressHash): their own clicks never credit the reshare. */
  requesterAddressHash: string;
  text?: string;
  origin: string;
}) {
  return db.transaction(async (tx) => {
    const [parent] = await tx
      .select({
        id: trackedLinks.id,
        advocateId: trackedLinks.advocateId,
        postId: trackedLinks.postId,
        network: trackedLinks.network,
        title: posts.title,
      })
      .from(trackedLinks)
      .innerJoin(posts, eq(posts.id, trackedLinks.postId))
      .where(and(eq(trackedLinks.code, input.parentCode), ne(posts.status, "archived")))
      .limit(1);
    if (!parent) throw new DomainError("not_found", "Unknown link code.");
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`embed:${parent.id}:${input.visitorHash}`}))`);
    const [existing] = await tx
      .select({ id: trackedLinks.id, code: trackedLinks.code })
      .from(trackedLinks)
      .where(
        and(
          eq(trackedLinks.parentLinkId, parent.id),
          eq(trackedLinks.origin, "embed"),
          eq(trackedLinks.network, input.network),
          eq(trackedLinks.visitorHash, input.visitorHash),
          gt(trackedLinks.createdAt, EMBED_LINK_WINDOW),
        ),
      )
      .limit(1);
    let child = existing;
    if (!child) {
      [child] = await tx
        .insert(trackedLinks)
        .values({
          code: newLinkCode(),
          advocateId: parent.advocateId,
          postId: parent.postId,
          network: input.network,
          origin: "embed",
          parentLinkId: parent.id,
          visitorHash: input.visitorHash,
          requesterAddressHash: input.requesterAddressHash,
        })
        .returning({ id: trackedLinks.id, code: trackedLinks.code });
    }
    const url = shortUrl(input.origin, child!.code);
    return {
      code: child!.code,
      shortUrl: url,
      intentUrl: shareIntentUrl(input.network, url, input.text ?? parent.title, parent.title),
      created: !existing,
    };
  });
}

/**
 * Reported reshares, idempotent by the integration's event id. An event reporting more than the admin's
 * `reportedReshareEventCap` is refused whole (a field error on `count`), never clamped: a count that large is a
 * fault or an abuse of the integration's secret, and the integration should hear so.
 */
export async function recordReportedReshares(input: {
  eventId: string;
  code: string;
  count: number;
}): Promise<{ recorded: boolean }> {
  return db.transaction(async (tx) => {
    const { reportedReshareEventCap } = await getSettings(tx);
    if (input.count > reportedReshareEventCap)
      throw new DomainError("invalid", "The event reports more reshares than one event may.", {
        count: [`At most ${reportedReshareEventCap} reshares per event`],
      });
    const [parent] = await tx
      .select(parentColumns)
      .from(trackedLinks)
      .where(eq(trackedLinks.code, input.code))
      .limit(1);
    if (!parent) throw new DomainError("not_found", "Unknown link code.");
    return {
      recorded: await creditReshare(tx, parent, { kind: "reported", eventId: input.eventId, count: input.count }),
    };
  });
}
