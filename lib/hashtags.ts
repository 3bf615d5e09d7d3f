import { asc, count, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { hashtags, postHashtags } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { containsPattern, offsetOf } from "@/lib/pagination";
import { hashtagName, rowId, text } from "@/lib/validation";

const description = text(200, { label: "The description" })
  .optional()
  .transform((value) => value || null);

/** The form on the Hashtags page: `#Cloud`, `cloud` and `CLOUD` all arrive as `cloud`. */
export const hashtagInput = z.object({ tag: hashtagName, description });
export const hashtagUpdateInput = hashtagInput.extend({ hashtagId: rowId });
export const hashtagRetireInput = z.object({
  hashtagId: rowId,
  retired: z.enum(["1", "0"]).transform((value) => value === "1"),
});

function alreadyListed(tag: string): DomainError {
  return new DomainError("conflict", `#${tag} is already in the list`, { tag: [`#${tag} is already in the list`] });
}

/** Adds hashtags to the managed list; `tag` is already normalised (lib/validation hashtagName). */
export async function createHashtag(input: { tag: string; description?: string | null }): Promise<{ id: number }> {
  try {
    const [row] = await db
      .insert(hashtags)
      .values({ tag: input.tag, description: input.description || null })
      .returning({ id: hashtags.id });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyListed(input.tag);
    throw error;
  }
}

/** Makes sure the given (normalised) tags exist: for seeding and tests. */
export async function ensureHashtags(tags: string[]): Promise<void> {
  if (tags.length)
    await db
      .insert(hashtags)
      .values(tags.map((tag) => ({ tag })))
      .onConflictDoNothing();
}

/** Renaming keeps the tag on every post that has it: posts point at the hashtag, not at its text. */
export async function renameHashtag(id: number, tag: string): Promise<void> {
  try {
    const updated = await db.update(hashtags).set({ tag }).where(eq(hashtags.id, id)).returning({ id: hashtags.id });
    if (!updated.length) throw new DomainError("not_found", "No such hashtag.");
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyListed(tag);
    throw error;
  }
}

export async function describeHashtag(id: number, description: string | null): Promise<void> {
  const updated = await db
    .update(hashtags)
    .set({ description: description || null })
    .where(eq(hashtags.id, id))
    .returning({ id: hashtags.id });
  if (!updated.length) throw new DomainError("not_found", "No such hashtag.");
}

/** Rename and describe in one go, as the Hashtags page's edit form does. */
export async function updateHashtag(id: number, input: { tag: string; description: string | null }): Promise<void> {
  try {
    const updated = await db
      .update(hashtags)
      .set({ tag: input.tag, description: input.description })
      .where(eq(hashtags.id, id))
      .returning({ id: hashtags.id });
    if (!updated.length) throw new DomainError("not_found", "No such hashtag.");
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyListed(input.tag);
    throw error;
  }
}

/** Retired hashtags stay on the posts that have them but cannot be added to others. */
export async function setHashtagRetired(id: number, retired: boolean): Promise<void> {
  const updated = await db
    .update(hashtags)
    .set({ retiredAt: retired ? new Date() : null })
    .where(eq(hashtags.id, id))
    .returning({ id: hashtags.id });
  if (!updated.length) throw new DomainError("not_found", "No such hashtag.");
}

export const HASHTAGS_PAGE_SIZE = 50;

// Spelled out: hashtags is the query's only table, which drizzle renders unqualified inside the subquery.
const usage = sql<number>`(select count(*) from ${postHashtags} ph where ph.hashtag_id = ${sql.raw(`"hashtags"."id"`)})::int`;

/**
 * A page of the managed list (active tags first, then A–Z) with how many posts use each tag; `q` searches tags and
 * descriptions.
 */
export async function listHashtags({ q, page }: { q?: string; page: number }) {
  const pattern = q ? containsPattern(q.replace(/^#/, "")) : null;
  const where = pattern ? or(ilike(hashtags.tag, pattern), ilike(hashtags.description, pattern)) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: hashtags.id,
        tag: hashtags.tag,
        description: hashtags.description,
        retiredAt: hashtags.retiredAt,
        usage,
      })
      .from(hashtags)
      .where(where)
      .orderBy(sql`${hashtags.retiredAt} is not null`, asc(hashtags.tag))
      .limit(HASHTAGS_PAGE_SIZE)
      .offset(offsetOf(page, HASHTAGS_PAGE_SIZE)),
    db.select({ n: count() }).from(hashtags).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Tags a curator may put on a post. */
export async function activeHashtags(): Promise<string[]> {
  const rows = await db
    .select({ tag: hashtags.tag })
    .from(hashtags)
    .where(isNull(hashtags.retiredAt))
    .orderBy(asc(hashtags.tag));
  return rows.map((row) => row.tag);
}

/** Every listed tag and whether it is retired, for checking many posts at once (the CSV import). */
export async function hashtagStates(
  on: Pick<Tx, "select"> = db,
): Promise<Map<string, { id: number; retired: boolean }>> {
  const rows = await on.select({ id: hashtags.id, tag: hashtags.tag, retiredAt: hashtags.retiredAt }).from(hashtags);
  return new Map(rows.map((row) => [row.tag, { id: row.id, retired: row.retiredAt !== null }]));
}
