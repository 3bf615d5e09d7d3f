import { desc, eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { outcomeSettingsInput, updateOutcomeSettings } from "@/lib/outcomes/settings";
import { getSettings } from "@/lib/settings";
import { makeUser, withSettings } from "@/tests/helpers";

test("outcome settings: a changed value is saved with one audit event of it (as text); the same values again write nothing", async () => {
  const admin = await makeUser(["advocate", "admin"]);
  await withSettings({ browserAmountCap: "0" }, async () => {
    const current = await getSettings();
    const input = outcomeSettingsInput.parse({
      attributionWindowDays: String(current.attributionWindowDays),
      browserAmountCap: "250.5",
      conversionKinds: current.conversionKinds.join(" "),
      programmeCostPerMonth: String(current.programmeCostPerMonth),
      programmeCurrency: current.programmeCurrency,
      pointsConversion: String(current.pointsConversion),
      influencedColumn: current.influencedColumn,
    });
    expect(await updateOutcomeSettings(admin.id, input)).toEqual({ changed: ["browserAmountCap"] });
    expect((await getSettings()).browserAmountCap).toMatch(/^250\.50*$/);
    const events = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.actorId, admin.id))
      .orderBy(desc(auditEvents.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: "settings.update",
      target: "settings",
      details: { changes: { browserAmountCap: { from: "0.00", to: "250.50" } } },
    });
    expect(await updateOutcomeSettings(admin.id, input)).toEqual({ changed: [] });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.actorId, admin.id))).toHaveLength(1);
  });
});
