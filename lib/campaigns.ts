import { asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { campaigns, posts, rollupDaily } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { DomainError } from "@/lib/errors";
import { containsPattern, offsetOf } from "@/lib/pagination";
import { announceLinkChange } from "@/lib/redirect";
import { SLUG_MAX, SLUG_PATTERN, slugify } from "@/lib/slug";
import { calendarDay, rowId, text } from "@/lib/validation";

/** "" from an empty date field, or a real calendar day as YYYY-MM-DD. */
const optionalDay = z
  .union([z.literal("").transform(() => null), calendarDay])
  .optional()
  .transform((value) => value || null);

const clickGoal = text(20, { label: "The goal" })
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    const goal = Number(value);
    const message = !Number.isInteger(goal)
      ? "Enter the goal as a whole number of clicks"
      : goal < 1
        ? "The goal must be at least 1 click"
        : goal > 1_000_000_000
          ? "That goal is too large"
          : null;
    if (message) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return goal;
  });

const campaignFields = z.object({
  name: text(100, { label: "The name", required: "Give the campaign a name" }),
  /** Empty: suggested from the name. */
  slug: text(SLUG_MAX, { label: "The slug" })
    .optional()
    .refine(
      (slug) => !slug || SLUG_PATTERN.test(slug),
      "Use lower-case letters, digits and single hyphens, e.g. spring-launch",
    ),
  startsOn: optionalDay,
  endsOn: optionalDay,
  clickGoal,
});

/** Rules across fields, checked even when another field is wrong, so the form shows every problem at once. */
function withRules<S extends typeof campaignFields>(fields: S) {
  return fields
    .refine((c) => !c.startsOn || !c.endsOn || c.endsOn > c.startsOn, {
      path: ["endsOn"],
      message: "The campaign must end after it starts",
      when: ({ issues }) => !issues.some((issue) => issue.path?.[0] === "startsOn" || issue.path?.[0] === "endsOn"),
    })
    .transform((c, ctx) => {
      const slug = c.slug || slugify(c.name);
      if (!slug) {
        ctx.addIssue({
          code: "custom",
          path: ["slug"],
          message: "Enter a slug: lower-case letters, digits and hyphens",
        });
        return z.NEVER;
      }
      return { ...c, slug };
    });
}

export const campaignInput = withRules(campaignFields);
export const campaignUpdateInput = withRules(campaignFields.extend({ campaignId: rowId }));
export type CampaignInput = z.infer<typeof campaignInput>;

function slugTaken(slug: string): DomainError {
  return new DomainError("conflict", `The slug “${slug}” is used by another campaign`, {
    slug: [`“${slug}” is used by another campaign; choose another`],
  });
}

function columns(input: CampaignInput) {
  return {
    name: input.name,
    slug: input.slug,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    clickGoal: input.clickGoal,
  };
}

export async function createCampaign(input: CampaignInput): Promise<{ id: number }> {
  try {
    const [row] = await db.insert(campaigns).values(columns(input)).returning({ id: campaigns.id });
    return row!;
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

/** Changing the slug changes utm_campaign for clicks from now on; links already shared keep no copy of it. */
export async function updateCampaign(id: number, input: CampaignInput): Promise<void> {
  try {
    const updated = await db
      .update(campaigns)
      .set(columns(input))
      .where(eq(campaigns.id, id))
      .returning({ id: campaigns.id });
    if (!updated.length) throw new DomainError("not_found", "No such campaign.");
    // Cached redirect targets carry the old slug: every server drops them.
    await announceLinkChange(db);
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

// Progress is read from the daily rollup (counted clicks only), never from raw clicks.
const countedClicksOfCampaign = sql<number>`coalesce((
  select sum(r.counted_clicks) from ${rollupDaily} r join ${posts} p on p.id = r.post_id where p.campaign_id = ${sql.raw(`"campaigns"."id"`)}
), 0)::int`;
const postsOfCampaign = sql<number>`(select count(*) from ${posts} p where p.campaign_id = ${sql.raw(`"campaigns"."id"`)})::int`;

export type CampaignProgress = { countedClicks: number; clickGoal: number | null; percent: number | null };

export function progressToward(countedClicks: number, clickGoal: number | null): CampaignProgress {
  return {
    countedClicks,
    clickGoal,
    percent: clickGoal ? Math.min(100, Math.floor((countedClicks * 100) / clickGoal)) : null,
  };
}

export const CAMPAIGNS_PAGE_SIZE = 20;

/** A campaign's own columns, as its list and its page show them. */
const campaignColumns = {
  id: campaigns.id,
  name: campaigns.name,
  slug: campaigns.slug,
  startsOn: campaigns.startsOn,
  endsOn: campaigns.endsOn,
  clickGoal: campaigns.clickGoal,
};

/**
 * A page of campaigns, running and upcoming before ended ones, latest start first, with their progress; `q` searches
 * names and slugs.
 */
export async function listCampaigns({ q, page }: { q?: string; page: number }) {
  const pattern = q ? containsPattern(q) : null;
  const where = pattern ? or(ilike(campaigns.name, pattern), ilike(campaigns.slug, pattern)) : undefined;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...campaignColumns,
        posts: postsOfCampaign,
        countedClicks: countedClicksOfCampaign,
      })
      .from(campaigns)
      .where(where)
      .orderBy(
        sql`${campaigns.endsOn} is not null and ${campaigns.endsOn} < current_date`,
        desc(campaigns.startsOn),
        asc(campaigns.name),
        asc(campaigns.id),
      )
      .limit(CAMPAIGNS_PAGE_SIZE)
      .offset(offsetOf(page, CAMPAIGNS_PAGE_SIZE)),
    db.select({ n: count() }).from(campaigns).where(where),
  ]);
  return {
    items: rows.map((row) => ({ ...row, progress: progressToward(row.countedClicks, row.clickGoal) })),
    total: total?.n ?? 0,
  };
}

/** Campaigns to choose from on a post or in an import (slug → id). */
export async function campaignOptions(on: Pick<Tx, "select"> = db) {
  return on
    .select({ id: campaigns.id, name: campaigns.name, slug: campaigns.slug })
    .from(campaigns)
    .orderBy(asc(campaigns.name));
}

/** One campaign with its posts (each with its counted clicks) and its progress toward the click goal. */
export async function getCampaign(id: number) {
  const [campaign] = await db
    .select({
      ...campaignColumns,
      countedClicks: countedClicksOfCampaign,
    })
    .from(campaigns)
    .where(eq(campaigns.id, id))
    .limit(1);
  if (!campaign) return null;
  const campaignPosts = await db
    .select({
      id: posts.id,
      title: posts.title,
      status: posts.status,
      publishAt: posts.publishAt,
      countedClicks: sql<number>`coalesce(sum(${rollupDaily.countedClicks}), 0)::int`,
      shares: sql<number>`coalesce(sum(${rollupDaily.shares}), 0)::int`,
    })
    .from(posts)
    .leftJoin(rollupDaily, eq(rollupDaily.postId, posts.id))
    .where(eq(posts.campaignId, id))
    .groupBy(posts.id)
    .orderBy(desc(sql`coalesce(sum(${rollupDaily.countedClicks}), 0)`), desc(posts.id));
  return { ...campaign, posts: campaignPosts, progress: progressToward(campaign.countedClicks, campaign.clickGoal) };
}
