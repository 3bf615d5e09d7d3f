import { desc, eq, sql } from "drizzle-orm";
import { cache } from "react";
import { z } from "zod";
import { db, type Tx } from "@/db/client";
import { auditEvents, settings, users } from "@/db/schema";

export type Settings = typeof settings.$inferSelect;

async function readSettings(on: Pick<Tx, "select">): Promise<Settings> {
  const [row] = await on.select().from(settings).where(eq(settings.id, 1)).limit(1);
  if (!row) throw new Error("settings row missing: run the migrations");
  return row;
}

/**
 * Read once per page render: a page, its layout and its components all ask, and get the same row. Outside a
 * render (actions, routes, jobs) and inside a transaction every call reads the database.
 */
const settingsOfThisRender = cache(() => readSettings(db));

export async function getSettings(on: Pick<Tx, "select"> = db): Promise<Settings> {
  return on === db ? settingsOfThisRender() : readSettings(on);
}

/** IANA zone names this runtime knows; UTC is listed separately because Intl leaves it out. */
export function timeZoneNames(): string[] {
  return ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];
}

const points = (label: string) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(1000, `${label} is at most 1,000`);

const wholeNumber = (label: string, min = 0) =>
  z.coerce
    .number({ error: `${label} must be a whole number` })
    .int(`${label} must be a whole number`)
    .min(min, min ? `${label} is at least ${min}` : `${label} cannot be negative`)
    .max(1000, `${label} is at most 1,000`);

/** The admin's settings form (docs/product.md#points, #reports). */
export const settingsInput = z.object({
  pointsShare: points("Points per share"),
  pointsShareFacebook: points("Points per Facebook share"),
  pointsClick: points("Points per counted click"),
  pointsReshare: points("Points per reshare"),
  dailyShareCap: wholeNumber("The daily cap"),
  embedReshareDailyCap: wholeNumber("The daily cap on external reshares"),
  reportedReshareEventCap: wholeNumber("The cap on a reported event's count", 1),
  timeZone: z
    .string()
    .trim()
    .refine(
      (zone) => timeZoneNames().includes(zone),
      "Choose a time zone from the list (an IANA name such as Europe/Lisbon)",
    ),
  costPerClick: z
    .string()
    .trim()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, "Enter an amount such as 1.50 (at most two decimals)")
    .transform((value) => Number(value).toFixed(2)),
  /** Badges beside names on the leaderboard; off by default (README "Influence score, badges and challenges"). */
  leaderboardBadges: z
    .enum(["off", "shown"], { error: "Choose shown or off" })
    .transform((choice) => choice === "shown"),
});
export type SettingsInput = z.infer<typeof settingsInput>;
/** One setting's value as the audit trail keeps it. */
type Setting = string | number | boolean;

/**
 * Saves the admin's settings and, in the same transaction, one audit event naming each changed value
 * (before and after). New point values re-score all history, since points are computed when read.
 */
export async function updateSettings(
  actorId: string,
  input: SettingsInput,
): Promise<{ changed: (keyof SettingsInput)[] }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from ${settings} where id = 1 for update`);
    const before = await getSettings(tx);
    const changes: Partial<Record<keyof SettingsInput, { from: Setting; to: Setting }>> = {};
    for (const key of Object.keys(input) as (keyof SettingsInput)[]) {
      if (String(before[key]) !== String(input[key])) changes[key] = { from: before[key], to: input[key] };
    }
    return saveSettingsChanges(tx, actorId, input, changes);
  });
}

/**
 * Writes settings the admin changed and one audit event naming each change (before and after); writes nothing
 * when no value changed. Runs inside the caller's transaction, after it locked the row and compared.
 */
export async function saveSettingsChanges<K extends string>(
  tx: Tx,
  actorId: string,
  input: Partial<typeof settings.$inferInsert>,
  changes: Partial<Record<K, { from: Setting; to: Setting }>>,
): Promise<{ changed: K[] }> {
  const changed = Object.keys(changes) as K[];
  if (!changed.length) return { changed };
  await tx
    .update(settings)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(settings.id, 1));
  await tx.insert(auditEvents).values({ actorId, action: "settings.update", target: "settings", details: { changes } });
  return { changed };
}

export type SettingsChange = {
  id: number;
  at: Date;
  actor: string;
  changes: Record<string, { from: Setting; to: Setting }>;
};

/**
 * The latest changes to the settings, newest first, for the settings page (the audit trail pages through all of them).
 */
export async function getSettingsHistory(limit = 10): Promise<SettingsChange[]> {
  const found = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.createdAt,
      name: users.name,
      email: users.email,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(eq(auditEvents.action, "settings.update"))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  return found.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.name || row.email || "someone",
    changes: (row.details as { changes?: SettingsChange["changes"] } | null)?.changes ?? {},
  }));
}
