import { eq, sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db, rows } from "@/db/client";
import { conversionConflicts, conversions, trackedLinks } from "@/db/schema";
import { DomainError } from "@/lib/errors";
import { recordConversion } from "@/lib/outcomes/record";
import { outcomeRollupDrift, rebuildOutcomeRollups } from "@/lib/outcomes/rollup";
import { monthlyRollupDrift } from "@/lib/rollup-rows";
import { createEmbedChildLink, reshareInternally } from "@/lib/reshares";
import { makeSharedLink, makeUser, ORIGIN, withSettings } from "@/tests/helpers";

const id = () => `crm-${Math.random().toString(36).slice(2)}`;

/** The advocate's credited outcomes as the rollup holds them. */
async function credited(advocateId: string) {
  const [row] = await rows<{ conversions: number; leads: number; opportunities: number; won: number; revenue: string }>(
    sql`select coalesce(sum(conversions), 0)::int as conversions, coalesce(sum(leads), 0)::int as leads,
               coalesce(sum(opportunities), 0)::int as opportunities, coalesce(sum(won), 0)::int as won,
               coalesce(sum(revenue) filter (where currency = 'EUR'), 0)::text as revenue
          from rollup_outcomes where advocate_id = ${advocateId}`,
  );
  return { ...row!, revenue: Number(row!.revenue) };
}

async function fieldsOf(promise: Promise<unknown>): Promise<Record<string, string[]> | undefined> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return (error as DomainError).fields;
}

describe("attribution", () => {
  test("a conversion through an advocate's link credits that advocate", async () => {
    const link = await makeSharedLink();
    const result = await recordConversion({ kind: "lead", externalId: id(), code: link.code }, { source: "server" });
    expect(result).toMatchObject({ recorded: true, attributed: true, advocateId: link.advocateId, resharerId: null });
    expect(await credited(link.advocateId)).toMatchObject({ conversions: 1, leads: 1, won: 0 });
  });

  test("through a colleague's internal reshare, the root advocate is credited and the resharer named", async () => {
    const root = await makeSharedLink(undefined, "linkedin");
    const colleague = await makeUser();
    const child = await reshareInternally(colleague, { parentLinkId: root.id, network: "x", origin: ORIGIN });
    const result = await recordConversion({ kind: "lead", externalId: id(), code: child.code }, { source: "server" });
    expect(result).toMatchObject({ attributed: true, advocateId: root.advocateId, resharerId: colleague.id });
    const [row] = await db.select().from(conversions).where(eq(conversions.id, result.id));
    expect(row).toMatchObject({ postId: root.postId, network: "linkedin", advocateId: root.advocateId });
    expect(await credited(root.advocateId)).toMatchObject({ leads: 1 });
    expect(await credited(colleague.id)).toMatchObject({ leads: 0 });
  });

  test("through a visitor's embed child link, the root advocate is credited and nobody is named", async () => {
    const root = await makeSharedLink();
    const embed = await createEmbedChildLink({
      parentCode: root.code,
      network: "x",
      visitorHash: `v-${id()}`,
      requesterAddressHash: `a-${id()}`,
      origin: ORIGIN,
    });
    const result = await recordConversion({ kind: "signup", externalId: id(), code: embed.code }, { source: "server" });
    expect(result).toMatchObject({ attributed: true, advocateId: root.advocateId, resharerId: null });
  });

  test("unknown codes and missing codes are stored unattributed, in company totals only", async () => {
    const unknown = await recordConversion({ kind: "lead", externalId: id(), code: "Zz99Zz99" }, { source: "server" });
    expect(unknown).toMatchObject({ recorded: true, attributed: false, unattributedReason: "unknown_code" });
    const none = await recordConversion({ kind: "lead", externalId: id() }, { source: "server" });
    expect(none).toMatchObject({ attributed: false, unattributedReason: "no_code" });
    const [row] = await db.select().from(conversions).where(eq(conversions.id, unknown.id));
    expect(row).toMatchObject({ code: "Zz99Zz99", advocateId: null, postId: null });
    const [company] = await rows<{ leads: number }>(
      sql`select sum(leads)::int as leads from rollup_outcomes where advocate_id is null`,
    );
    expect(company!.leads).toBeGreaterThanOrEqual(2);
  });

  test("the window runs from the first click: inside it credits, a day past it does not", async () => {
    const link = await makeSharedLink();
    await withSettings({ attributionWindowDays: 30 }, async () => {
      const now = new Date();
      const inside = await recordConversion(
        { kind: "lead", externalId: id(), code: link.code, clickedAt: new Date(now.getTime() - 29 * 86_400_000) },
        { source: "server", now },
      );
      expect(inside.attributed).toBe(true);
      // A link made long ago: the click time the embed kept is what counts.
      await db
        .update(trackedLinks)
        .set({ createdAt: new Date(now.getTime() - 60 * 86_400_000) })
        .where(eq(trackedLinks.id, link.id));
      const outside = await recordConversion(
        { kind: "lead", externalId: id(), code: link.code, clickedAt: new Date(now.getTime() - 31 * 86_400_000) },
        { source: "server", now },
      );
      expect(outside).toMatchObject({ attributed: false, unattributedReason: "outside_window" });
      // Without a click time, the window runs from when the link was made (60 days ago: outside).
      const noClick = await recordConversion(
        { kind: "lead", externalId: id(), code: link.code },
        { source: "server", now },
      );
      expect(noClick.unattributedReason).toBe("outside_window");
    });
  });
});

describe("the funnel", () => {
  test("lead → opportunity → won with one external id is one deal moving along, keeping its attribution", async () => {
    const link = await makeSharedLink();
    const deal = id();
    await recordConversion({ kind: "lead", externalId: deal, code: link.code }, { source: "browser" });
    // The CRM knows no code: the deal's attribution carries over.
    await recordConversion(
      { kind: "opportunity", externalId: deal, amount: "5000", currency: "EUR" },
      { source: "server" },
    );
    const won = await recordConversion(
      { kind: "won", externalId: deal, amount: 4200.5, currency: "eur" },
      { source: "server" },
    );
    expect(won).toMatchObject({ attributed: true, advocateId: link.advocateId });
    expect(await credited(link.advocateId)).toEqual({
      conversions: 1,
      leads: 1,
      opportunities: 1,
      won: 1,
      revenue: 4200.5,
    });
  });

  test("a deal reported won first reaches every stage once; its later lead event adds nothing", async () => {
    const link = await makeSharedLink();
    const deal = id();
    await recordConversion(
      { kind: "won", externalId: deal, code: link.code, amount: "10", currency: "EUR" },
      { source: "server" },
    );
    await recordConversion({ kind: "lead", externalId: deal }, { source: "server" });
    expect(await credited(link.advocateId)).toMatchObject({ conversions: 1, leads: 1, opportunities: 1, won: 1 });
  });

  test("a redelivered event is a duplicate; a conflicting amount is refused, reported and stored", async () => {
    const link = await makeSharedLink();
    const deal = id();
    const input = { kind: "won", externalId: deal, code: link.code, amount: "100.00", currency: "EUR" };
    await recordConversion(input, { source: "server" });
    const again = await recordConversion(input, { source: "server" });
    expect(again).toMatchObject({ recorded: false, conflict: null });
    const conflicting = await recordConversion({ ...input, amount: "250" }, { source: "import" });
    expect(conflicting).toMatchObject({ recorded: false, conflict: { storedCurrency: "EUR" } });
    expect(Number(conflicting.conflict!.storedAmount)).toBe(100);
    expect(await credited(link.advocateId)).toMatchObject({ won: 1, revenue: 100 });
    const stored = await db
      .select({ amount: conversionConflicts.amount, source: conversionConflicts.source })
      .from(conversionConflicts)
      .where(eq(conversionConflicts.conversionId, conflicting.id));
    expect(stored).toEqual([{ amount: "250.0000", source: "import" }]);
  });

  test("a deal's won delivered before its lead: the lead's code credits the whole deal, rollups included", async () => {
    const link = await makeSharedLink();
    const deal = id();
    const won = await recordConversion(
      { kind: "won", externalId: deal, amount: "450", currency: "EUR" },
      { source: "server" },
    );
    expect(won).toMatchObject({ recorded: true, attributed: false });
    expect(await credited(link.advocateId)).toMatchObject({ conversions: 0, won: 0, revenue: 0 });
    const lead = await recordConversion({ kind: "lead", externalId: deal, code: link.code }, { source: "browser" });
    expect(lead).toMatchObject({ recorded: true, attributed: true, advocateId: link.advocateId });
    expect(await credited(link.advocateId)).toMatchObject({
      conversions: 1,
      leads: 1,
      opportunities: 1,
      won: 1,
      revenue: 450,
    });
    const rowsOfDeal = await db.select().from(conversions).where(eq(conversions.externalId, deal));
    expect(rowsOfDeal.map((row) => row.advocateId)).toEqual([link.advocateId, link.advocateId]);
    expect(await outcomeRollupDrift()).toEqual([]);
    expect(await monthlyRollupDrift()).toEqual([]);
  });

  test("concurrent deliveries of the same events count once", async () => {
    const link = await makeSharedLink();
    const deal = id();
    const events = [
      { kind: "lead", externalId: deal, code: link.code },
      { kind: "won", externalId: deal, amount: "999", currency: "EUR" },
    ];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => recordConversion(events[i % 2], { source: "server" })),
    );
    expect(results.filter((r) => r.recorded)).toHaveLength(2);
    expect(await credited(link.advocateId)).toMatchObject({
      conversions: 1,
      leads: 1,
      opportunities: 1,
      won: 1,
      revenue: 999,
    });
  });
});

describe("bad input is refused with field errors and writes nothing", () => {
  test.each([
    [{ kind: "won", externalId: "x1", amount: -5, currency: "EUR" }, "amount"],
    [{ kind: "won", externalId: "x2", amount: Number.NaN, currency: "EUR" }, "amount"],
    [{ kind: "won", externalId: "x3", amount: "1e20", currency: "EUR" }, "amount"],
    [{ kind: "won", externalId: "x4", amount: "99999999999999", currency: "EUR" }, "amount"],
    [{ kind: "won", externalId: "x5", amount: "10", currency: "EUO" }, "currency"],
    [{ kind: "won", externalId: "x6", amount: "10" }, "currency"],
    [{ kind: "won", externalId: "x7", amount: "10.5", currency: "JPY" }, "amount"],
    [{ kind: "lead", externalId: "x8", amount: "10", currency: "EUR" }, "amount"],
    [{ kind: "refund", externalId: "x9" }, "kind"],
    [{ kind: "lead", externalId: "" }, "externalId"],
    [{ kind: "lead", externalId: "x10", code: "not a code!" }, "code"],
    [{ kind: "lead", externalId: "x11", occurredAt: "yesterday" }, "occurredAt"],
  ])("%o → %s", async (input, field) => {
    const before = await db.$count(conversions);
    const fields = await fieldsOf(recordConversion(input, { source: "server" }));
    expect(Object.keys(fields ?? {})).toContain(field);
    expect(await db.$count(conversions)).toBe(before);
  });

  test("an admin-defined kind is accepted once the admin adds it; a browser amount above the cap is refused", async () => {
    await withSettings({ conversionKinds: ["demo_booked"], browserAmountCap: "50" }, async () => {
      const result = await recordConversion({ kind: "demo_booked", externalId: id() }, { source: "server" });
      expect(result.recorded).toBe(true);
      const fields = await fieldsOf(
        recordConversion(
          { kind: "won", externalId: id(), amount: "51", currency: "EUR" },
          { source: "browser", amountCap: 50 },
        ),
      );
      expect(fields?.amount?.[0]).toContain("at most 50");
    });
  });
});

test("the live outcome rollup equals a rebuild from the conversions, and a damaged one is repaired", async () => {
  const links = await Promise.all([makeSharedLink(), makeSharedLink()]);
  const kinds = ["lead", "opportunity", "won", "signup"];
  for (let i = 0; i < 40; i++) {
    const kind = kinds[i % 4]!;
    const amount =
      kind === "opportunity" || kind === "won" ? { amount: String(10 + i), currency: i % 3 ? "EUR" : "USD" } : {};
    await recordConversion(
      {
        kind,
        externalId: `deal-${i % 7}-${kind === "signup" ? i : "d"}`,
        code: i % 5 === 0 ? "Unknown1" : links[i % 2]!.code,
        occurredAt: new Date(Date.now() - (i % 9) * 86_400_000),
        ...amount,
      },
      { source: "server" },
    );
  }
  expect(await outcomeRollupDrift()).toEqual([]);
  expect(await monthlyRollupDrift()).toEqual([]);
  await db.execute(
    sql`update rollup_outcomes set leads = leads + 1 where ctid = (select ctid from rollup_outcomes limit 1)`,
  );
  expect((await outcomeRollupDrift()).length).toBeGreaterThan(0);
  await db.transaction((tx) => rebuildOutcomeRollups(tx));
  expect(await outcomeRollupDrift()).toEqual([]);
  // The rebuild's deletes and inserts went through the monthly trigger too.
  expect(await monthlyRollupDrift()).toEqual([]);
});
