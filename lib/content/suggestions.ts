import { lookup } from "node:dns/promises";
import { and, count, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import ipaddr from "ipaddr.js";
import { z } from "zod";
import { db } from "@/db/client";
import { contentSources, posts, suggestions, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { DomainError } from "@/lib/errors";
import { activeHashtags } from "@/lib/hashtags";
import { enqueueJob } from "@/lib/jobs";
import { sendMail } from "@/lib/mail";
import { mailTranslator } from "@/lib/mail-locale";
import { containsPattern } from "@/lib/pagination";
import { insertPost, isLive } from "@/lib/posts";
import { privateHostsAllowed } from "@/lib/outbound";
import { fetchPagePreview } from "@/lib/preview-image";
import { rowId, targetUrl } from "@/lib/validation";

export const SUGGESTION_DECLINED_JOB = "mail.suggestion_declined";
export const INBOX_PAGE_SIZE = 20;

export const suggestInput = z.object({
  url: targetUrl,
  note: z.string().trim().max(500, "Notes are at most 500 characters").optional().default(""),
});

/**
 * Refuses links to loopback, private and link-local addresses (the guard the server's own fetches use), so a
 * suggestion cannot point curators, or the draft's page fetch, at the intranet.
 */
export async function assertPublicHost(url: string): Promise<void> {
  if (privateHostsAllowed()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  try {
    addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    throw new DomainError("invalid", "That link's site could not be found", {
      url: [`${host} does not resolve: check the link`],
    });
  }
  if (addresses.some((address) => ipaddr.process(address).range() !== "unicast"))
    throw new DomainError("invalid", "That link is on a private network", {
      url: ["Links to private, local or intranet addresses cannot be suggested"],
    });
}

/** An advocate suggests a link: same URL rules as posts, public addresses only, never a copy of a live post. */
export async function suggestPost(advocate: SessionUser, input: z.infer<typeof suggestInput>) {
  await assertPublicHost(input.url);
  const [live] = await db
    .select({ id: posts.id, title: posts.title })
    .from(posts)
    .where(and(eq(posts.url, input.url), isLive()))
    .limit(1);
  if (live)
    throw new DomainError("conflict", `This link is already live: “${live.title}”.`, {
      url: [`Already in the feed as “${live.title}” (post ${live.id})`],
    });
  const [row] = await db
    .insert(suggestions)
    .values({ url: input.url, note: input.note || null, suggestedById: advocate.id })
    .returning({ id: suggestions.id });
  return { suggestionId: row!.id };
}

export const inboxQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((q) => q || undefined),
  status: z.enum(["pending", "accepted", "declined"]).catch("pending"),
  /** "advocates", or a content source's id. */
  source: z
    .union([z.literal("advocates"), rowId])
    .optional()
    .catch(undefined),
});
export type InboxQuery = Pick<z.infer<typeof inboxQuery>, "page" | "status"> &
  Partial<Pick<z.infer<typeof inboxQuery>, "q" | "source">>;

/** The curators' inbox: one page of suggestions in a state, newest first, searchable, by source. */
export async function listInbox(query: InboxQuery) {
  const pattern = query.q ? containsPattern(query.q) : null;
  const where = and(
    eq(suggestions.status, query.status),
    pattern
      ? or(ilike(suggestions.url, pattern), ilike(suggestions.title, pattern), ilike(suggestions.note, pattern))
      : undefined,
    query.source === "advocates"
      ? isNull(suggestions.sourceId)
      : query.source
        ? eq(suggestions.sourceId, query.source)
        : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: suggestions.id,
        url: suggestions.url,
        note: suggestions.note,
        title: suggestions.title,
        summary: suggestions.summary,
        status: suggestions.status,
        comment: suggestions.comment,
        postId: suggestions.postId,
        createdAt: suggestions.createdAt,
        suggestedBy: sql<string | null>`coalesce(${users.name}, ${users.email})`,
        source: contentSources.name,
      })
      .from(suggestions)
      .leftJoin(users, eq(users.id, suggestions.suggestedById))
      .leftJoin(contentSources, eq(contentSources.id, suggestions.sourceId))
      .where(where)
      .orderBy(desc(suggestions.createdAt), desc(suggestions.id))
      .limit(INBOX_PAGE_SIZE)
      .offset((query.page - 1) * INBOX_PAGE_SIZE),
    db.select({ n: count() }).from(suggestions).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

const locked = async (id: number) => {
  const [row] = await db
    .select({ status: suggestions.status })
    .from(suggestions)
    .where(eq(suggestions.id, id))
    .limit(1);
  if (!row) throw new DomainError("not_found", "No such suggestion.");
  if (row.status !== "pending") throw new DomainError("conflict", `This suggestion was already ${row.status}.`);
};

/**
 * Accept → a draft pre-filled from the page (title, description, preview image, fetched through the address
 * guard) with the feed's default hashtags, campaign and audience, credited to the advocate who suggested it.
 */
export async function acceptSuggestion(curator: SessionUser, suggestionId: number): Promise<{ postId: number }> {
  await locked(suggestionId);
  const [suggestion] = await db
    .select({
      url: suggestions.url,
      title: suggestions.title,
      summary: suggestions.summary,
      note: suggestions.note,
      suggestedById: suggestions.suggestedById,
      hashtags: contentSources.hashtags,
      campaignId: contentSources.campaignId,
      audience: contentSources.audience,
      teamIds: contentSources.teamIds,
    })
    .from(suggestions)
    .leftJoin(contentSources, eq(contentSources.id, suggestions.sourceId))
    .where(eq(suggestions.id, suggestionId));
  const page = await fetchPagePreview(suggestion!.url).catch((error: unknown) => {
    if (error instanceof DomainError) return { title: null, description: null, imageUrl: null };
    throw error;
  });
  const active = new Set(await activeHashtags());
  const title = (page.title || suggestion!.title || new URL(suggestion!.url).hostname).slice(0, 200);
  const commentary = (page.description || suggestion!.summary || "").slice(0, 3000);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(suggestions)
      .set({ status: "accepted", decidedById: curator.id, decidedAt: new Date() })
      .where(and(eq(suggestions.id, suggestionId), eq(suggestions.status, "pending")))
      .returning({ id: suggestions.id });
    if (!claimed) throw new DomainError("conflict", "This suggestion was already decided.");
    const audience = suggestion!.audience === "teams" && suggestion!.teamIds?.length ? "teams" : "all";
    const postId = await insertPost(
      tx,
      curator,
      {
        title,
        url: suggestion!.url,
        commentary,
        // A feed's default hashtag retired since it was chosen is left off rather than blocking the draft.
        hashtags: (suggestion!.hashtags ?? []).filter((tag) => active.has(tag)),
        campaignId: suggestion!.campaignId,
        audience,
        teamIds: audience === "teams" ? suggestion!.teamIds! : [],
      },
      page.imageUrl,
    );
    if (suggestion!.suggestedById)
      await tx.update(posts).set({ suggestedById: suggestion!.suggestedById }).where(eq(posts.id, postId));
    await tx.update(suggestions).set({ postId }).where(eq(suggestions.id, suggestionId));
    return { postId };
  });
}

export const declineInput = z.object({
  suggestionId: rowId,
  comment: z.string().trim().min(1, "Say why, for the person who suggested it").max(1000, "At most 1,000 characters"),
});

/** Decline with a comment; an advocate's suggestion queues one mail back to them, in the same transaction. */
export async function declineSuggestion(curator: SessionUser, suggestionId: number, comment: string) {
  await locked(suggestionId);
  return db.transaction(async (tx) => {
    const [declined] = await tx
      .update(suggestions)
      .set({ status: "declined", decidedById: curator.id, decidedAt: new Date(), comment })
      .where(and(eq(suggestions.id, suggestionId), eq(suggestions.status, "pending")))
      .returning({ id: suggestions.id, suggestedById: suggestions.suggestedById });
    if (!declined) throw new DomainError("conflict", "This suggestion was already decided.");
    if (declined.suggestedById)
      await enqueueJob(tx, {
        kind: SUGGESTION_DECLINED_JOB,
        key: `suggestion-declined:${suggestionId}`,
        payload: { suggestionId },
      });
    return { declined: true };
  });
}

const appUrl = () => (process.env.APP_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");

/** The job: tells the advocate their suggestion was declined, with the curator's comment. */
export async function mailSuggestionDeclined(payload: Record<string, unknown>): Promise<void> {
  const [row] = await db
    .select({
      url: suggestions.url,
      comment: suggestions.comment,
      email: users.email,
      active: users.active,
      locale: users.locale,
    })
    .from(suggestions)
    .innerJoin(users, eq(users.id, suggestions.suggestedById))
    .where(and(eq(suggestions.id, Number(payload.suggestionId)), eq(suggestions.status, "declined")));
  if (!row?.active) return;
  const t = mailTranslator(row.locale);
  await sendMail({
    to: row.email,
    subject: t("suggestionDeclined.subject"),
    text: `${t("suggestionDeclined.intro", { url: row.url })}\n\n${row.comment ?? ""}\n\n${t("suggestionDeclined.yours")} ${appUrl()}/me`,
  });
}

/** An advocate's own suggestions and what became of them, for My stats. */
export async function listMySuggestions(advocateId: string) {
  return db
    .select({
      id: suggestions.id,
      url: suggestions.url,
      note: suggestions.note,
      status: suggestions.status,
      comment: suggestions.comment,
      postId: suggestions.postId,
      postTitle: posts.title,
      createdAt: suggestions.createdAt,
    })
    .from(suggestions)
    .leftJoin(posts, eq(posts.id, suggestions.postId))
    .where(eq(suggestions.suggestedById, advocateId))
    .orderBy(desc(suggestions.createdAt))
    .limit(50);
}

/** How many of the advocate's suggestions were accepted (each earns the suggestion points setting). */
export async function acceptedSuggestionCount(advocateId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(suggestions)
    .where(and(eq(suggestions.suggestedById, advocateId), eq(suggestions.status, "accepted")));
  return row?.n ?? 0;
}

/** The sources the inbox can be filtered by. */
export async function inboxSources() {
  return db
    .select({ id: contentSources.id, name: contentSources.name })
    .from(contentSources)
    .orderBy(contentSources.name);
}
