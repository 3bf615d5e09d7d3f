import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { settings, type Role } from "@/db/schema";
import { isCurrency } from "@/lib/outcomes/currencies";
import { customKindName } from "@/lib/outcomes/rules";
import { can } from "@/lib/permissions";
import { getSettings, saveSettingsChanges } from "@/lib/settings";

export const INFLUENCED_COLUMN = ["everyone", "leaders", "off"] as const;
export type InfluencedColumn = (typeof INFLUENCED_COLUMN)[number];

const decimal = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,10}(\.\d{1,2})?$/, `${label}: enter an amount such as 1500 or 1500.50`)
    .transform((value) => Number(value).toFixed(2));

/** The admin's outcome settings: attribution window, browser amount cap, own kinds, cost, points, column. */
export const outcomeSettingsInput = z.object({
  attributionWindowDays: z.coerce
    .number({ error: "The window must be a whole number of days" })
    .int("The window must be a whole number of days")
    .min(1, "The window is at least 1 day")
    .max(730, "The window is at most 730 days"),
  browserAmountCap: decimal("Browser amount cap"),
  conversionKinds: z
    .string()
    .default("")
    .transform((value) => value.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(customKindName).max(20, "At most 20 kinds"))
    .transform((kinds) => [...new Set(kinds)]),
  programmeCostPerMonth: decimal("Programme cost"),
  programmeCurrency: z
    .string()
    .trim()
    .toUpperCase()
    .refine(isCurrency, "Not an ISO 4217 currency code (e.g. EUR, USD)"),
  pointsConversion: z.coerce
    .number({ error: "Points must be a whole number" })
    .int("Points must be a whole number")
    .min(0, "Points cannot be negative")
    .max(1000, "Points are at most 1,000"),
  influencedColumn: z.enum(INFLUENCED_COLUMN, { error: "Choose everyone, leaders only or off" }),
});
export type OutcomeSettingsInput = z.infer<typeof outcomeSettingsInput>;

/** Saves them with one audit event naming each changed value, as the other settings are saved. */
export async function updateOutcomeSettings(
  actorId: string,
  input: OutcomeSettingsInput,
): Promise<{ changed: (keyof OutcomeSettingsInput)[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${settings} where id = 1 for update`);
    const before = await getSettings(tx);
    const changes: Partial<Record<keyof OutcomeSettingsInput, { from: string; to: string }>> = {};
    for (const key of Object.keys(input) as (keyof OutcomeSettingsInput)[]) {
      const from = String(key === "browserAmountCap" ? Number(before[key]).toFixed(2) : before[key]);
      if (from !== String(input[key])) changes[key] = { from, to: String(input[key]) };
    }
    return saveSettingsChanges(tx, actorId, input, changes);
  });
}

/** Whether this viewer sees the leaderboard's "Influenced" column, as the admin chose. */
export function showsInfluenced(choice: string, roles: readonly Role[]): boolean {
  return choice === "everyone" || (choice === "leaders" && can(roles, "outcomes.read"));
}
