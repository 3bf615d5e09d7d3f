import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { campaigns, contentSources, suggestions } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { activeHashtags } from "@/lib/hashtags";
import { pointsAtPrivateHost } from "@/lib/outbound";
import { hashtagList, idList, optionalCampaignId, rowId, targetUrl, text } from "@/lib/validation";

export const SOURCES_PAGE_SIZE = 20;

export const sourceInput = z
  .object({
    name: text(100, { label: "The name", required: "Name the feed" }),
    url: targetUrl,
    hashtags: hashtagList,
    campaignId: optionalCampaignId,
    audience: z.enum(["all", "teams"]).default("all"),
    teamIds: idList,
  })
  .superRefine((source, ctx) => {
    if (source.audience === "teams" && source.teamIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["teamIds"], message: "Choose at least one team, or share with everyone" });
  });
export type SourceInput = z.infer<typeof sourceInput>;
export const sourceUpdateInput = z.intersection(sourceInput, z.object({ sourceId: rowId }));
export const sourceRemoveInput = z.object({ sourceId: rowId });

/** The feed must be on a public address, its hashtags listed and active, its campaign real: else a field error. */
async function checkSource(input: SourceInput): Promise<void> {
  if (await pointsAtPrivateHost(new URL(input.url)))
    throw new DomainError("invalid", "That feed is on a private network", {
      url: ["Feeds on private, local or intranet addresses cannot be polled"],
    });
  const active = new Set(await activeHashtags());
  const unknown = input.hashtags.filter((tag) => !active.has(tag)).map((tag) => `#${tag}`);
  if (unknown.length)
    throw new DomainError("invalid", "Some hashtags are not in the list", {
      hashtags: [`Not in the hashtag list (or retired): ${unknown.join(", ")}`],
    });
  if (input.campaignId) {
    const [campaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId));
    if (!campaign)
      throw new DomainError("invalid", "Unknown campaign", { campaignId: ["That campaign does not exist"] });
  }
}

const values = (input: SourceInput) => ({
  name: input.name,
  url: input.url,
  hashtags: input.hashtags,
  campaignId: input.campaignId,
  audience: input.audience,
  teamIds: input.audience === "teams" ? input.teamIds : [],
});

function duplicateUrl(error: unknown): never {
  if (isUniqueViolation(error))
    throw new DomainError("conflict", "That feed is already a source", { url: ["This feed is already a source"] });
  throw error;
}

/** A curator adds a feed; it is polled on the worker's next tick. */
export async function createSource(curator: SessionUser, input: SourceInput): Promise<{ id: number }> {
  await checkSource(input);
  const [row] = await db
    .insert(contentSources)
    .values({ ...values(input), createdById: curator.id })
    .returning({ id: contentSources.id })
    .catch(duplicateUrl);
  return { id: row!.id };
}

/** Edits a source; a new address forgets the old one's validators and is polled on the next tick. */
export async function updateSource(sourceId: number, input: SourceInput): Promise<void> {
  await checkSource(input);
  const [current] = await db
    .select({ url: contentSources.url })
    .from(contentSources)
    .where(eq(contentSources.id, sourceId));
  if (!current) throw new DomainError("not_found", "No such source.");
  const moved = current.url !== input.url;
  await db
    .update(contentSources)
    .set({
      ...values(input),
      ...(moved ? { etag: null, lastModified: null, nextPollAt: new Date(), lastError: null } : {}),
    })
    .where(eq(contentSources.id, sourceId))
    .catch(duplicateUrl);
}

/** Removes a source and the items it brought (drafts already made from them stay in the library). */
export async function removeSource(sourceId: number): Promise<void> {
  const removed = await db
    .delete(contentSources)
    .where(eq(contentSources.id, sourceId))
    .returning({ id: contentSources.id });
  if (!removed.length) throw new DomainError("not_found", "No such source.");
}

/** One page of sources, by name, with how each last fared and how many items it brought. */
export async function listSources(page: number) {
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: contentSources.id,
        name: contentSources.name,
        url: contentSources.url,
        hashtags: contentSources.hashtags,
        campaignId: contentSources.campaignId,
        audience: contentSources.audience,
        teamIds: contentSources.teamIds,
        lastPolledAt: contentSources.lastPolledAt,
        lastSuccessAt: contentSources.lastSuccessAt,
        lastError: contentSources.lastError,
        // $count qualifies both columns; a hand-written subquery here once read its own "id" (drizzle leaves the
        // only table of a select unqualified), counting the wrong source's items.
        items: db.$count(suggestions, eq(suggestions.sourceId, contentSources.id)),
      })
      .from(contentSources)
      .orderBy(contentSources.name, contentSources.id)
      .limit(SOURCES_PAGE_SIZE)
      .offset((page - 1) * SOURCES_PAGE_SIZE),
    db.select({ n: count() }).from(contentSources),
  ]);
  return { items, total: total?.n ?? 0 };
}
