import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, posts, settings, shares, teams, users } from "@/db/schema";
import { findBlockedWord } from "@/lib/content/captions";
import { DomainError } from "@/lib/errors";
import { announceLinkChange } from "@/lib/redirect";
import { invalidateScannerRanges } from "@/lib/scanner-ranges";
import { parseScannerRanges } from "@/lib/tracking";
import { resolvePeriod, type DayRange } from "@/lib/periods";
import { getSettings } from "@/lib/settings";
import { listTeams, resolveTeam } from "@/lib/teams";
import { rowId } from "@/lib/validation";

const MAX_BLOCKED = 500;
const MAX_RANGES = 1000;

/** The admin's compliance settings: one blocked word or phrase per line (or comma-separated), and the disclosure. */
export const complianceInput = z.object({
  blockedWords: z
    .string()
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(/[\n,]+/)
          .map((phrase) => phrase.normalize("NFKC").trim().replace(/\s+/g, " "))
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().max(100, "Each blocked word or phrase is at most 100 characters"))
        .max(MAX_BLOCKED, `At most ${MAX_BLOCKED} blocked words or phrases`),
    ),
  disclosure: z
    .string()
    .trim()
    .max(100, "The disclosure is at most 100 characters")
    .refine((text) => !/\p{Cc}/u.test(text), "The disclosure is one line of text")
    .default(""),
  pointsSuggestion: z.coerce
    .number({ error: "Points per accepted suggestion must be a whole number" })
    .int("Points per accepted suggestion must be a whole number")
    .min(0, "Points per accepted suggestion cannot be negative")
    .max(1000, "Points per accepted suggestion are at most 1,000")
    .default(0),
  scannerRanges: z
    .string()
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(/[\s,]+/)
          .map((entry) => entry.trim())
          .filter(Boolean),
      ),
    ])
    .superRefine((entries, ctx) => {
      if (entries.length > MAX_RANGES) ctx.addIssue({ code: "custom", message: `At most ${MAX_RANGES} ranges` });
      const { invalid } = parseScannerRanges(entries);
      if (invalid.length)
        ctx.addIssue({
          code: "custom",
          message: `Not an address range (CIDR such as 40.92.0.0/15 or 2a01:111::/32): ${invalid.slice(0, 5).join(", ")}`,
        });
    }),
});
export type ComplianceInput = z.infer<typeof complianceInput>;

/** Saves the compliance settings with one audit event naming the old and new values. */
export async function updateComplianceSettings(actorId: string, input: ComplianceInput): Promise<{ changed: boolean }> {
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${settings} where id = 1 for update`);
    const before = await getSettings(tx);
    const blocked = findBlockedWord(input.disclosure, input.blockedWords);
    if (blocked)
      throw new DomainError("invalid", "The disclosure uses a blocked word", {
        disclosure: [`The disclosure uses “${blocked}”, which is on the blocked list`],
      });
    const changes: Record<string, { from: string; to: string }> = {};
    if (before.blockedWords.join("\n") !== input.blockedWords.join("\n"))
      changes.blockedWords = { from: before.blockedWords.join(", "), to: input.blockedWords.join(", ") };
    if (before.disclosure !== input.disclosure) changes.disclosure = { from: before.disclosure, to: input.disclosure };
    if (before.scannerRanges.join("\n") !== input.scannerRanges.join("\n"))
      changes.scannerRanges = { from: before.scannerRanges.join(", "), to: input.scannerRanges.join(", ") };
    if (before.pointsSuggestion !== input.pointsSuggestion)
      changes.pointsSuggestion = { from: String(before.pointsSuggestion), to: String(input.pointsSuggestion) };
    if (!Object.keys(changes).length) return { changed: false };
    await tx
      .update(settings)
      .set({
        blockedWords: input.blockedWords,
        disclosure: input.disclosure,
        scannerRanges: input.scannerRanges,
        pointsSuggestion: input.pointsSuggestion,
        updatedAt: new Date(),
      })
      .where(eq(settings.id, 1));
    // Every server's redirect drops its cached scanner ranges once this commits.
    if (changes.scannerRanges) await announceLinkChange(tx);
    await tx
      .insert(auditEvents)
      .values({ actorId, action: "settings.update", target: "settings", details: { changes } });
    return { changed: true };
  });
  invalidateScannerRanges();
  return result;
}

export type ComplianceFilters = { range: DayRange; timeZone: string; teamId: number | null; postId: number | null };

function complianceWhere({ range, timeZone, teamId, postId }: ComplianceFilters) {
  const day = sql`(${shares.createdAt} at time zone ${timeZone})::date`;
  return and(
    range.from ? sql`${day} >= ${range.from}::date` : undefined,
    range.to ? sql`${day} <= ${range.to}::date` : undefined,
    teamId ? eq(users.teamId, teamId) : undefined,
    postId ? eq(shares.postId, postId) : undefined,
  );
}

const complianceColumns = {
  id: shares.id,
  at: shares.createdAt,
  advocate: sql<string>`coalesce(${users.name}, ${users.email})`,
  email: users.email,
  team: teams.name,
  postId: shares.postId,
  post: posts.title,
  network: shares.network,
  caption: shares.caption,
};

export const COMPLIANCE_PAGE_SIZE = 50;

/** The compliance record: who shared which caption of which post, where and when; newest first, a page at a time. */
export async function listComplianceShares(filters: ComplianceFilters, page = 1, pageSize = COMPLIANCE_PAGE_SIZE) {
  const where = complianceWhere(filters);
  const base = () =>
    db
      .select(complianceColumns)
      .from(shares)
      .innerJoin(users, eq(users.id, shares.advocateId))
      .innerJoin(posts, eq(posts.id, shares.postId))
      .leftJoin(teams, eq(teams.id, users.teamId));
  const [items, [total]] = await Promise.all([
    base()
      .where(where)
      .orderBy(desc(shares.createdAt), desc(shares.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(shares)
      .innerJoin(users, eq(users.id, shares.advocateId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Every matching share for the CSV export, read a page at a time so a year of shares is never held at once. */
export async function* complianceRows(filters: ComplianceFilters) {
  for (let page = 1; ; page++) {
    const { items } = await listComplianceShares(filters, page, 1000);
    yield* items;
    if (items.length < 1000) return;
  }
}

/** Posts that have shares, for the compliance view's post filter. */
export async function sharedPostOptions(): Promise<{ id: number; title: string }[]> {
  return db
    .selectDistinct({ id: posts.id, title: posts.title })
    .from(posts)
    .innerJoin(shares, eq(shares.postId, posts.id))
    .orderBy(desc(posts.id))
    .limit(500);
}

/**
 * The compliance view's and export's filters from a query string: period (in the company time zone), team and
 * post. A bad value is an error with a message, never a silently widened record.
 */
type FilterError = { message: string; fields: Record<string, string[]> };
export type ComplianceRow = Awaited<ReturnType<typeof listComplianceShares>>["items"][number];

export async function resolveComplianceFilters(query: Record<string, string | undefined>) {
  const [{ timeZone }, teamOptions] = await Promise.all([getSettings(), listTeams()]);
  const { period, error } = resolvePeriod(query, { timeZone, fallback: "month" });
  const fail = (problem: FilterError) => ({ error: problem, period, teams: teamOptions }) as const;
  if (error) return fail(error);
  const { team, error: teamError } = resolveTeam(query.team, teamOptions);
  if (teamError) return fail({ message: teamError, fields: { team: [teamError] } });
  const post = query.post ? rowId.safeParse(query.post) : null;
  if (post && !post.success)
    return fail({ message: "Choose a post from the list.", fields: { post: ["Not a post id"] } });
  const filters: ComplianceFilters = { range: period, timeZone, teamId: team?.id ?? null, postId: post?.data ?? null };
  return { error: null, filters, period, team, teams: teamOptions } as const;
}
