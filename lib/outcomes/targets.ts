import { tz } from "@date-fns/tz";
import { addQuarters, differenceInMilliseconds, endOfQuarter, format, startOfQuarter } from "date-fns";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { auditEvents, kpiTargets } from "@/db/schema";
import { getSummary } from "@/lib/dashboard";
import { isCurrency } from "@/lib/outcomes/currencies";
import { getOutcomeTotals } from "@/lib/outcomes/reports";

/** A quarter in the company time zone: "2026-Q4", its first and last days, and its instants. */
export type Quarter = { name: string; from: string; to: string; start: Date; end: Date };

export function quarterAt(at: Date, timeZone: string): Quarter {
  const inZone = { in: tz(timeZone) };
  const start = startOfQuarter(at, inZone);
  const end = endOfQuarter(at, inZone);
  return {
    name: `${format(start, "yyyy", inZone)}-Q${Math.floor(Number(format(start, "M", inZone)) / 3) + 1}`,
    from: format(start, "yyyy-MM-dd", inZone),
    to: format(end, "yyyy-MM-dd", inZone),
    start,
    end,
  };
}

/** "2026-Q4" → that quarter, or null when the name is not one. */
export function parseQuarter(name: string, timeZone: string): Quarter | null {
  const match = /^(\d{4})-Q([1-4])$/.exec(name);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  const month = (Number(match[2]) - 1) * 3 + 1;
  return quarterAt(new Date(`${year}-${String(month).padStart(2, "0")}-15T12:00:00Z`), timeZone);
}

export function previousQuarter(at: Date, timeZone: string): Quarter {
  return quarterAt(addQuarters(quarterAt(at, timeZone).start, -1), timeZone);
}

/** The share of the quarter gone by at `now`, 0–1: what pace is measured against. */
export function elapsedShare(quarter: Quarter, now: Date): number {
  const total = differenceInMilliseconds(quarter.end, quarter.start);
  return Math.min(1, Math.max(0, differenceInMilliseconds(now, quarter.start) / total));
}

export const METRICS = ["participation", "counted_clicks", "reshares", "leads", "revenue"] as const;
export type Metric = (typeof METRICS)[number];
export const METRIC_NAMES: Record<Metric, string> = {
  participation: "Participation",
  counted_clicks: "Counted clicks",
  reshares: "Reshares",
  leads: "Leads",
  revenue: "Revenue",
};

const optionalNumber = (label: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\d{1,13}(\.\d{1,2})?$/.test(value) || Number(value) > max) {
        ctx.addIssue({ code: "custom", message: `${label}: a number from 0 to ${max.toLocaleString("en")}` });
        return z.NEVER;
      }
      return value;
    });

/** The targets form: one quarter, company-wide or one team; a blank field removes that target. */
export const targetsInput = z
  .object({
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/, "Choose a quarter such as 2026-Q4"),
    teamId: z
      .string()
      .optional()
      .transform((value) => (value ? Number(value) : null))
      .pipe(z.number().int().positive().nullable()),
    participation: optionalNumber("Participation", 100),
    counted_clicks: optionalNumber("Counted clicks", 1_000_000_000),
    reshares: optionalNumber("Reshares", 1_000_000_000),
    leads: optionalNumber("Leads", 1_000_000_000),
    revenue: optionalNumber("Revenue", 1_000_000_000_000),
    revenueCurrency: z
      .string()
      .trim()
      .toUpperCase()
      .optional()
      .transform((value) => value || null),
  })
  .superRefine((input, ctx) => {
    if (input.revenue !== null && (!input.revenueCurrency || !isCurrency(input.revenueCurrency)))
      ctx.addIssue({
        code: "custom",
        path: ["revenueCurrency"],
        message: "Give the revenue target's currency (ISO 4217)",
      });
  });
export type TargetsInput = z.infer<typeof targetsInput>;

/** Saves a quarter's targets (one team's, or the company's), audited, in one transaction. */
export async function setTargets(actorId: string, input: TargetsInput): Promise<void> {
  await db.transaction(async (tx) => {
    const team = input.teamId === null ? isNull(kpiTargets.teamId) : eq(kpiTargets.teamId, input.teamId);
    for (const metric of METRICS) {
      const value = input[metric];
      const currency = metric === "revenue" ? (input.revenueCurrency ?? "") : "";
      if (metric === "revenue" && !currency) continue;
      if (value === null) {
        await tx
          .delete(kpiTargets)
          .where(
            and(
              eq(kpiTargets.quarter, input.quarter),
              team,
              eq(kpiTargets.metric, metric),
              eq(kpiTargets.currency, currency),
            ),
          );
        continue;
      }
      await tx
        .insert(kpiTargets)
        .values({ quarter: input.quarter, teamId: input.teamId, metric, currency, value, updatedById: actorId })
        .onConflictDoUpdate({
          target: [kpiTargets.quarter, kpiTargets.teamId, kpiTargets.metric, kpiTargets.currency],
          set: { value, updatedById: actorId, updatedAt: new Date() },
        });
    }
    await tx
      .insert(auditEvents)
      .values({ actorId, action: "targets.update", target: input.quarter, details: { input } });
  });
}

export type TargetRow = {
  metric: Metric;
  currency: string;
  label: string;
  target: number;
  actual: number;
  /** Where the actual should be by now at an even pace: target × the share of the quarter gone by. */
  expected: number;
  status: "achieved" | "on_track" | "behind";
};

/**
 * A quarter's targets (one team's, or the company's) against the actuals from the rollups. Participation is a
 * rate, so it is on track when at or above its target; the totals are on track when at or above their pace.
 */
export async function getTargetProgress(
  quarter: Quarter,
  { teamId = null, now }: { teamId?: number | null; now: Date },
): Promise<TargetRow[]> {
  const targets = await db
    .select({ metric: kpiTargets.metric, currency: kpiTargets.currency, value: kpiTargets.value })
    .from(kpiTargets)
    .where(
      and(
        eq(kpiTargets.quarter, quarter.name),
        teamId === null ? isNull(kpiTargets.teamId) : eq(kpiTargets.teamId, teamId),
      ),
    )
    .orderBy(
      sql`array_position(array['participation','counted_clicks','reshares','leads','revenue']::kpi_metric[], ${kpiTargets.metric})`,
      kpiTargets.currency,
    );
  if (!targets.length) return [];
  const scope = { range: { from: quarter.from, to: quarter.to }, teamId };
  const [summary, outcomes] = await Promise.all([getSummary(scope), getOutcomeTotals(scope)]);
  const share = elapsedShare(quarter, now);
  return targets.map(({ metric, currency, value }) => {
    const target = Number(value);
    const actual =
      metric === "participation"
        ? Math.round(summary.participation * 1000) / 10
        : metric === "counted_clicks"
          ? summary.countedClicks
          : metric === "reshares"
            ? summary.reshares
            : metric === "leads"
              ? outcomes.leads
              : (outcomes.revenue.find((m) => m.currency === currency)?.amount ?? 0);
    const expected = metric === "participation" ? target : Math.round(target * share * 100) / 100;
    const status = actual >= target ? "achieved" : actual >= expected ? "on_track" : "behind";
    const label =
      metric === "participation"
        ? "Participation (%)"
        : metric === "revenue"
          ? `Revenue (${currency})`
          : METRIC_NAMES[metric];
    return { metric, currency, label, target, actual, expected, status };
  });
}

export const STATUS_NAMES: Record<TargetRow["status"], string> = {
  achieved: "Achieved",
  on_track: "On track",
  behind: "Behind",
};
