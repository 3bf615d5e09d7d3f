import { and, asc, count, desc, eq, gt, gte, ilike, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type Tx } from "@/db/client";
import {
  campaigns,
  hashtags,
  postEvents,
  postHashtags,
  posts,
  postTeams,
  postVariants,
  rollupByMonth,
  shares,
  teams,
  users,
  type Network,
} from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { LOCALES, type Locale } from "@/lib/locale";
import { enqueuePostDecision } from "@/lib/notifications";
import { containsPattern } from "@/lib/pagination";
import { announceLinkChange } from "@/lib/redirect";
import type { SessionUser } from "@/lib/auth";
import type { PostFields, PostVariants } from "@/lib/validation";

export type PostStatus = (typeof posts.$inferSelect)["status"];
export const PAGE_SIZE = 20;

/** The columns every read of a post starts with, in this order (objects and API bodies keep it). */
export const postHeadColumns = {
  id: posts.id,
  title: posts.title,
  url: posts.url,
  commentary: posts.commentary,
};

/** The variant a reader of `language` gets, for a left join: none when no language is asked for. */
function variantFor(language: Locale | undefined): SQL {
  return language ? and(eq(postVariants.postId, posts.id), eq(postVariants.language, language))! : sql`false`;
}

/**
 * A text of the post in the reader's language: the joined variant's when there is one (its own per-network text
 * may be empty, so it falls back to the variant's commentary, never to another language), else the post's.
 */
function inReadersLanguage<T>(own: AnyPgColumn, variant: AnyPgColumn) {
  return sql<T>`case when ${postVariants.postId} is null then ${own} else ${variant} end`;
}

/**
 * What sharing a post reads of it, in the reader's language (the query left-joins variantFor): its head, the
 * per-network texts, the language they are in and whether the caption may be edited.
 */
const postShareColumns = {
  id: posts.id,
  title: inReadersLanguage<string>(posts.title, postVariants.title),
  url: posts.url,
  commentary: inReadersLanguage<string>(posts.commentary, postVariants.commentary),
  commentaryX: inReadersLanguage<string | null>(posts.commentaryX, postVariants.commentaryX),
  commentaryLinkedin: inReadersLanguage<string | null>(posts.commentaryLinkedin, postVariants.commentaryLinkedin),
  commentaryFacebook: inReadersLanguage<string | null>(posts.commentaryFacebook, postVariants.commentaryFacebook),
  language: sql<Locale>`coalesce(${postVariants.language}, ${posts.language})`,
  captionLocked: posts.captionLocked,
};

/** A post is live when approved and inside its publish/expire window (docs/product.md#library). */
export function isLive(now: Date = new Date()): SQL {
  return and(
    eq(posts.status, "approved"),
    or(isNull(posts.publishAt), lte(posts.publishAt, now)),
    or(isNull(posts.expireAt), gt(posts.expireAt, now)),
  )!;
}

/** Posts for everyone, or for the advocate's team. */
export function inAudience(teamId: number | null): SQL {
  const forTeam =
    teamId === null
      ? sql`false`
      : sql`exists (select 1 from ${postTeams} pt where pt.post_id = ${outerPostId} and pt.team_id = ${teamId})`;
  return or(eq(posts.audience, "all"), forTeam)!;
}

/** Only hashtags from the managed list (docs/product.md#library); retired ones stay on old posts, not on new ones. */
async function setHashtags(tx: Tx, postId: number, tags: string[], keep: number[] = []): Promise<void> {
  await tx.delete(postHashtags).where(eq(postHashtags.postId, postId));
  if (!tags.length) return;
  const rows = await tx
    .select({ id: hashtags.id, tag: hashtags.tag, retiredAt: hashtags.retiredAt })
    .from(hashtags)
    .where(inArray(hashtags.tag, tags));
  const unknown = tags.filter((tag) => !rows.some((row) => row.tag === tag)).map((tag) => `#${tag}`);
  if (unknown.length)
    throw new DomainError("invalid", "Some hashtags are not in the list", {
      hashtags: [`Not in the hashtag list: ${unknown.join(", ")}. A curator can add them on the Hashtags page.`],
    });
  const retired = rows.filter((row) => row.retiredAt && !keep.includes(row.id)).map((row) => `#${row.tag}`);
  if (retired.length)
    throw new DomainError("invalid", "Some hashtags are retired", { hashtags: [`Retired: ${retired.join(", ")}`] });
  await tx.insert(postHashtags).values(rows.map((row) => ({ postId, hashtagId: row.id })));
}

async function setAudience(tx: Tx, postId: number, audience: "all" | "teams", teamIds: number[]): Promise<void> {
  await tx.delete(postTeams).where(eq(postTeams.postId, postId));
  if (audience !== "teams" || !teamIds.length) return;
  const found = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, teamIds));
  if (found.length !== new Set(teamIds).size)
    throw new DomainError("invalid", "Unknown team", { teamIds: ["One of the chosen teams does not exist"] });
  await tx.insert(postTeams).values(found.map((team) => ({ postId, teamId: team.id })));
}

/** Replaces the post's variants with `variants` (postInput has refused one in the post's own language). */
async function setVariants(tx: Tx, postId: number, variants: PostVariants = {}): Promise<void> {
  await tx.delete(postVariants).where(eq(postVariants.postId, postId));
  const rows = variantRows(postId, variants);
  if (rows.length) await tx.insert(postVariants).values(rows);
}

/** The post_variants rows for a post's variants, in the order of LOCALES. */
export function variantRows(postId: number, variants: PostVariants = {}) {
  return LOCALES.flatMap((language) => {
    const variant = variants[language];
    if (!variant) return [];
    return [
      {
        postId,
        language,
        title: variant.title,
        commentary: variant.commentary,
        commentaryLinkedin: variant.commentaryLinkedin ?? null,
        commentaryX: variant.commentaryX ?? null,
        commentaryFacebook: variant.commentaryFacebook ?? null,
      },
    ];
  });
}

async function checkCampaign(tx: Tx, campaignId: number | null | undefined): Promise<void> {
  if (!campaignId) return;
  const [found] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, campaignId)).limit(1);
  if (!found) throw new DomainError("invalid", "Unknown campaign", { campaignId: ["This campaign does not exist"] });
}

/** The posts row for a form or import input (one mapping for every writer of posts). */
export function postColumns(input: PostFields) {
  return {
    title: input.title,
    url: input.url,
    commentary: input.commentary,
    commentaryLinkedin: input.commentaryLinkedin ?? null,
    commentaryX: input.commentaryX ?? null,
    commentaryFacebook: input.commentaryFacebook ?? null,
    language: input.language ?? ("en" as const),
    campaignId: input.campaignId ?? null,
    audience: input.audience ?? ("all" as const),
    publishAt: input.publishAt ?? null,
    expireAt: input.expireAt ?? null,
    captionLocked: input.captionLocked ?? false,
  };
}

/** Writes a new draft and its first audit event; `tx` lets an import write many in one transaction. */
export async function insertPost(
  tx: Tx,
  author: SessionUser,
  input: PostFields,
  imageUrl: string | null = null,
): Promise<number> {
  await checkCampaign(tx, input.campaignId);
  const [post] = await tx
    .insert(posts)
    .values({ ...postColumns(input), imageUrl, authorId: author.id })
    .returning({ id: posts.id });
  if (!post) throw new Error("insert returned no post");
  await setHashtags(tx, post.id, input.hashtags);
  await setAudience(tx, post.id, input.audience ?? "all", input.teamIds ?? []);
  await setVariants(tx, post.id, input.variants);
  await tx.insert(postEvents).values({ postId: post.id, actorId: author.id, fromStatus: null, toStatus: "draft" });
  return post.id;
}

export async function createPost(
  author: SessionUser,
  input: PostFields,
  imageUrl: string | null = null,
): Promise<{ postId: number }> {
  return db.transaction(async (tx) => ({ postId: await insertPost(tx, author, input, imageUrl) }));
}

/**
 * Edits a post. Editing an approved post sends it back to review (what was approved is what goes out);
 * an archived post cannot be edited. `imageUrl` undefined keeps the current image.
 */
export async function updatePost(
  actor: SessionUser,
  postId: number,
  input: PostFields,
  imageUrl?: string | null,
): Promise<{ status: PostStatus }> {
  return db.transaction(async (tx) => {
    const [post] = await tx.select({ status: posts.status }).from(posts).where(eq(posts.id, postId)).for("update");
    if (!post) throw new DomainError("not_found", "No such post.");
    if (post.status === "archived")
      throw new DomainError("conflict", "An archived post cannot be edited; duplicate it instead.");
    await checkCampaign(tx, input.campaignId);
    const kept = await tx
      .select({ id: postHashtags.hashtagId })
      .from(postHashtags)
      .where(eq(postHashtags.postId, postId));
    const status: PostStatus = post.status === "approved" ? "in_review" : post.status;
    await tx
      .update(posts)
      .set({
        ...postColumns(input),
        ...(imageUrl === undefined ? {} : { imageUrl }),
        status,
        updatedAt: new Date(),
        ...(status !== post.status ? { approvedById: null, approvedAt: null } : {}),
      })
      .where(eq(posts.id, postId));
    await setHashtags(
      tx,
      postId,
      input.hashtags,
      kept.map((row) => row.id),
    );
    await setAudience(tx, postId, input.audience ?? "all", input.teamIds ?? []);
    await setVariants(tx, postId, input.variants);
    // Its links may now lead to a new URL or campaign: every server drops its cached targets on commit.
    await announceLinkChange(tx);
    if (status !== post.status) {
      await tx.insert(postEvents).values({
        postId,
        actorId: actor.id,
        fromStatus: post.status,
        toStatus: status,
        comment: "Edited after approval",
      });
    }
    return { status };
  });
}

/** A new draft with the same content (not its links, shares or history). */
export async function duplicatePost(actor: SessionUser, postId: number): Promise<{ postId: number }> {
  const post = await getPost(postId);
  if (!post) throw new DomainError("not_found", "No such post.");
  return db.transaction(async (tx) => {
    const id = await insertPost(
      tx,
      actor,
      {
        ...post,
        title: `Copy of ${post.title}`.slice(0, 200),
        hashtags: post.hashtags.filter((tag) => !post.retiredHashtags.includes(tag)),
        teamIds: post.teamIds,
      },
      post.imageUrl,
    );
    return { postId: id };
  });
}

/** One post with everything the post page and the edit form show. */
export async function getPost(postId: number) {
  const [post] = await db
    .select({
      ...postHeadColumns,
      commentaryLinkedin: posts.commentaryLinkedin,
      commentaryX: posts.commentaryX,
      commentaryFacebook: posts.commentaryFacebook,
      language: sql<Locale>`${posts.language}`,
      variants: sql<PostVariants>`coalesce((
        select jsonb_object_agg(pv.language, jsonb_build_object('title', pv.title, 'commentary', pv.commentary,
          'commentaryLinkedin', pv.commentary_linkedin, 'commentaryX', pv.commentary_x,
          'commentaryFacebook', pv.commentary_facebook))
        from ${postVariants} pv where pv.post_id = ${outerPostId}
      ), '{}'::jsonb)`,
      imageUrl: posts.imageUrl,
      campaignId: posts.campaignId,
      campaign: campaigns.name,
      audience: posts.audience,
      status: posts.status,
      publishAt: posts.publishAt,
      expireAt: posts.expireAt,
      captionLocked: posts.captionLocked,
      authorId: posts.authorId,
      author: users.name,
      authorEmail: users.email,
      createdAt: posts.createdAt,
      updatedAt: posts.updatedAt,
      hashtags: postHashtagList,
      retiredHashtags: sql<string[]>`coalesce((
        select array_agg(h.tag) from ${postHashtags} ph join ${hashtags} h on h.id = ph.hashtag_id where ph.post_id = ${outerPostId} and h.retired_at is not null
      ), '{}')`,
      teamIds: sql<
        number[]
      >`coalesce((select array_agg(pt.team_id order by pt.team_id) from ${postTeams} pt where pt.post_id = ${outerPostId}), '{}')`,
    })
    .from(posts)
    .innerJoin(users, eq(users.id, posts.authorId))
    .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
    .where(eq(posts.id, postId))
    .limit(1);
  return post ?? null;
}

/** The post's audit trail, oldest first: who moved it from what to what, when, and why. */
export async function getPostHistory(postId: number) {
  return db
    .select({
      id: postEvents.id,
      at: postEvents.createdAt,
      fromStatus: postEvents.fromStatus,
      toStatus: postEvents.toStatus,
      comment: postEvents.comment,
      actor: users.name,
      actorEmail: users.email,
    })
    .from(postEvents)
    .innerJoin(users, eq(users.id, postEvents.actorId))
    .where(eq(postEvents.postId, postId))
    .orderBy(postEvents.createdAt, postEvents.id);
}

type Transition = "submit" | "approve" | "reject" | "archive";

const RULES: Record<Transition, { from: PostStatus[]; to: PostStatus }> = {
  submit: { from: ["draft"], to: "in_review" },
  approve: { from: ["in_review"], to: "approved" },
  reject: { from: ["in_review"], to: "draft" },
  archive: { from: ["draft", "in_review", "approved"], to: "archived" },
};

/** Moves a post through draft → in review → approved → archived, with an audit event for each step. */
export async function transitionPost(
  actor: SessionUser,
  postId: number,
  transition: Transition,
  comment?: string,
): Promise<{ status: PostStatus }> {
  return db.transaction(async (tx) => {
    const [post] = await tx
      .select({ status: posts.status, authorId: posts.authorId })
      .from(posts)
      .where(eq(posts.id, postId))
      .for("update");
    if (!post) throw new DomainError("not_found", "No such post.");
    const rule = RULES[transition];
    if (!rule.from.includes(post.status)) {
      throw new DomainError(
        "conflict",
        `A post that is ${post.status.replace("_", " ")} cannot be ${transition === "submit" ? "submitted" : `${transition}d`}.`,
      );
    }
    if (transition === "approve" && post.authorId === actor.id) {
      throw new DomainError("forbidden", "You cannot approve a post you wrote; another approver must.");
    }
    const now = new Date();
    await tx
      .update(posts)
      .set({
        status: rule.to,
        updatedAt: now,
        ...(transition === "approve" ? { approvedById: actor.id, approvedAt: now } : {}),
      })
      .where(eq(posts.id, postId));
    const [event] = await tx
      .insert(postEvents)
      .values({ postId, actorId: actor.id, fromStatus: post.status, toStatus: rule.to, comment: comment || null })
      .returning({ id: postEvents.id });
    // The curator's mail (and a chat announcement) are queued in this transaction: only a committed decision is told.
    if (transition === "approve" || transition === "reject")
      await enqueuePostDecision(tx, { postId, postEventId: event!.id, decision: transition });
    // Archived posts' links answer 404: every server drops its cached targets once this commits.
    if (rule.to === "archived") await announceLinkChange(tx);
    return { status: rule.to };
  });
}

// Spelled out: drizzle renders a column of the only table in a query unqualified, which a subquery would rebind.
export const outerPostId = sql.raw(`"posts"."id"`);

/** A post's hashtags, sorted, for a query over `posts`. */
export const postHashtagList = sql<string[]>`coalesce((
  select array_agg(h.tag order by h.tag) from ${postHashtags} ph join ${hashtags} h on h.id = ph.hashtag_id where ph.post_id = ${outerPostId}
), '{}')`;

export type LibraryQuery = {
  page: number;
  q?: string;
  /** Only posts with no text in this language, neither their own nor a variant. */
  lacking?: Locale;
  status?: PostStatus;
  hashtag?: string;
  campaignId?: number;
  from?: Date;
  to?: Date;
  sort: "updated" | "created" | "title" | "publish";
};

/** Live posts nobody shared in this many days are flagged stale to curators (docs/product.md#library). */
export const STALE_AFTER_DAYS = 14;

const SORTS = {
  updated: [desc(posts.updatedAt), desc(posts.id)],
  created: [desc(posts.createdAt), desc(posts.id)],
  title: [asc(sql`lower(${posts.title})`), asc(posts.id)],
  publish: [desc(sql`coalesce(${posts.publishAt}, ${posts.approvedAt})`), desc(posts.id)],
} as const;

/** The curators' library: search, filters, sort, a page of posts and the counts per status. */
export async function listLibrary(query: LibraryQuery) {
  const pattern = query.q ? containsPattern(query.q) : null;
  const filters = and(
    pattern ? or(ilike(posts.title, pattern), ilike(posts.url, pattern), ilike(posts.commentary, pattern)) : undefined,
    query.hashtag
      ? sql`exists (select 1 from ${postHashtags} ph join ${hashtags} h on h.id = ph.hashtag_id where ph.post_id = ${outerPostId} and h.tag = ${query.hashtag})`
      : undefined,
    query.campaignId ? eq(posts.campaignId, query.campaignId) : undefined,
    query.lacking
      ? sql`${posts.language} <> ${query.lacking} and not exists (select 1 from ${postVariants} pv where pv.post_id = ${outerPostId} and pv.language = ${query.lacking})`
      : undefined,
    query.from ? gte(posts.createdAt, query.from) : undefined,
    query.to ? lt(posts.createdAt, query.to) : undefined,
  );
  const where = and(filters, query.status ? eq(posts.status, query.status) : undefined);
  const staleSince = sql`now() - make_interval(days => ${STALE_AFTER_DAYS})`;
  const [items, [total], byStatus] = await Promise.all([
    db
      .select({
        id: posts.id,
        title: posts.title,
        url: posts.url,
        status: posts.status,
        updatedAt: posts.updatedAt,
        publishAt: posts.publishAt,
        expireAt: posts.expireAt,
        author: users.name,
        authorEmail: users.email,
        campaign: campaigns.name,
        hashtags: postHashtagList,
        language: sql<Locale>`${posts.language}`,
        variantLanguages: sql<Locale[]>`coalesce((
          select array_agg(pv.language order by pv.language) from ${postVariants} pv where pv.post_id = ${outerPostId}
        ), '{}')`,
        stale: sql<boolean>`(${isLive()} and coalesce(${posts.approvedAt}, ${posts.createdAt}) < ${staleSince}
          and not exists (select 1 from ${shares} s where s.post_id = ${outerPostId} and s.created_at >= ${staleSince}))`,
      })
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
      .where(where)
      .orderBy(...SORTS[query.sort])
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(posts).where(where),
    db.select({ status: posts.status, n: count() }).from(posts).where(filters).groupBy(posts.status),
  ]);
  return {
    items: items.map(({ language, variantLanguages, ...item }) => ({
      ...item,
      language,
      missingLanguages: missingLanguages(language, variantLanguages),
    })),
    total: total?.n ?? 0,
    byStatus: Object.fromEntries(byStatus.map((row) => [row.status, row.n])) as Partial<Record<PostStatus, number>>,
  };
}

/** The languages a post has no text in: neither its own nor a variant's, in the order of LOCALES. */
export function missingLanguages(language: Locale, variantLanguages: readonly string[]): Locale[] {
  return LOCALES.filter((locale) => locale !== language && !variantLanguages.includes(locale));
}

export const REVIEW_PAGE_SIZE = 20;

/** A page of the posts waiting for review, oldest first (first come, first reviewed), and how many wait in all. */
export async function listReviewQueue({ page, q }: { page: number; q?: string }) {
  const waiting = and(eq(posts.status, "in_review"), q ? ilike(posts.title, containsPattern(q)) : undefined);
  const [items, [total]] = await Promise.all([
    db
      .select({
        ...postHeadColumns,
        authorId: posts.authorId,
        author: users.name,
        authorEmail: users.email,
        updatedAt: posts.updatedAt,
        hashtags: postHashtagList,
      })
      .from(posts)
      .innerJoin(users, eq(users.id, posts.authorId))
      .where(waiting)
      .orderBy(asc(posts.updatedAt), asc(posts.id))
      .limit(REVIEW_PAGE_SIZE)
      .offset((page - 1) * REVIEW_PAGE_SIZE),
    db.select({ n: count() }).from(posts).where(waiting),
  ]);
  return { items, total: total?.n ?? 0 };
}

export type FeedQuery = { page: number; hashtag?: string; campaignId?: number; order: "newest" | "most_shared" };

/** When a post went (or goes) live: its publish time, else its approval. */
export const publishedAt = sql<Date>`coalesce(${posts.publishAt}, ${posts.approvedAt}, ${posts.createdAt})`;
/** Shares of a post, all time, from its monthly rollup rows (a few per post; rollup_daily has one per day and advocate). */
const totalShares = sql<number>`coalesce((
  select sum(m.shares) from ${rollupByMonth} m where m.dim = 'post' and nullif(m.key, '') = ${outerPostId}::text
), 0)::int`;

/**
 * The advocate's feed: live posts for their audience, filtered and ordered, with the networks they already shared to;
 * each in the advocate's `language` where the post has a variant in it, else in its own.
 */
export async function listFeed(advocate: SessionUser, query: FeedQuery, language?: Locale) {
  const where = and(
    isLive(),
    inAudience(advocate.teamId),
    query.campaignId ? eq(posts.campaignId, query.campaignId) : undefined,
    query.hashtag
      ? sql`exists (select 1 from ${postHashtags} ph join ${hashtags} h on h.id = ph.hashtag_id where ph.post_id = ${outerPostId} and h.tag = ${query.hashtag})`
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        ...postShareColumns,
        suggestedBy: sql<
          string | null
        >`(select coalesce(u.name, u.email) from ${users} u where u.id = ${posts.suggestedById})`,
        imageUrl: posts.imageUrl,
        publishedAt: publishedAt.mapWith(posts.createdAt),
        campaign: campaigns.name,
        hashtags: postHashtagList,
        totalShares,
        sharedTo: sql<Network[]>`coalesce((
          select array_agg(distinct s.network::text) from ${shares} s where s.post_id = ${outerPostId} and s.advocate_id = ${advocate.id}
        ), '{}')`,
      })
      .from(posts)
      .leftJoin(postVariants, variantFor(language))
      .leftJoin(campaigns, eq(campaigns.id, posts.campaignId))
      .where(where)
      .orderBy(
        ...(query.order === "most_shared" ? [desc(totalShares), desc(publishedAt)] : [desc(publishedAt)]),
        desc(posts.id),
      )
      .limit(PAGE_SIZE)
      .offset((query.page - 1) * PAGE_SIZE),
    db.select({ n: count() }).from(posts).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Hashtags and campaigns that the advocate's live posts use, for the feed's filters. */
export async function feedFilters(advocate: SessionUser) {
  const live = and(isLive(), inAudience(advocate.teamId));
  const [tags, campaignRows] = await Promise.all([
    db
      .selectDistinct({ tag: hashtags.tag })
      .from(hashtags)
      .innerJoin(postHashtags, eq(postHashtags.hashtagId, hashtags.id))
      .innerJoin(posts, eq(posts.id, postHashtags.postId))
      .where(live)
      .orderBy(hashtags.tag),
    db
      .selectDistinct({ id: campaigns.id, name: campaigns.name })
      .from(campaigns)
      .innerJoin(posts, eq(posts.campaignId, campaigns.id))
      .where(live)
      .orderBy(campaigns.name),
  ]);
  return { hashtags: tags.map((t) => t.tag), campaigns: campaignRows };
}

/** A live post the advocate may share, in their `language` where it has a variant in it, or null. */
export async function getShareablePost(
  advocate: SessionUser,
  postId: number,
  on: Pick<Tx, "select"> = db,
  language?: Locale,
) {
  const [post] = await on
    .select({
      ...postShareColumns,
      hashtags: postHashtagList,
    })
    .from(posts)
    .leftJoin(postVariants, variantFor(language))
    .where(and(eq(posts.id, postId), isLive(), inAudience(advocate.teamId)))
    .limit(1);
  return post ?? null;
}

export async function getPostStatus(postId: number): Promise<PostStatus | null> {
  const [post] = await db.select({ status: posts.status }).from(posts).where(eq(posts.id, postId)).limit(1);
  return post?.status ?? null;
}

/** What the post form offers: hashtags that may be added, campaigns and teams. */
export async function postFormOptions() {
  const [tags, campaignRows, teamRows] = await Promise.all([
    db.select({ tag: hashtags.tag }).from(hashtags).where(isNull(hashtags.retiredAt)).orderBy(hashtags.tag),
    db.select({ id: campaigns.id, name: campaigns.name }).from(campaigns).orderBy(desc(campaigns.createdAt)),
    db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name),
  ]);
  return { hashtags: tags.map((t) => t.tag), campaigns: campaignRows, teams: teamRows };
}

/**
 * Freshness (docs/product.md#library): approved posts past their expiry archive themselves, with an audit event
 * in the name of their approver. Safe to run from every app server at once.
 */
export async function archiveExpiredPosts(now: Date = new Date()): Promise<number> {
  const archived = await db.transaction(async (tx) => {
    const expired = await tx
      .update(posts)
      .set({ status: "archived", updatedAt: now })
      .where(and(eq(posts.status, "approved"), lte(posts.expireAt, now)))
      .returning({ id: posts.id, actorId: sql<string>`coalesce(${posts.approvedById}, ${posts.authorId})` });
    if (expired.length) {
      await announceLinkChange(tx);
      await tx.insert(postEvents).values(
        expired.map((post) => ({
          postId: post.id,
          actorId: post.actorId,
          fromStatus: "approved" as const,
          toStatus: "archived" as const,
          comment: "Expired",
        })),
      );
    }
    return expired.length;
  });
  return archived;
}
