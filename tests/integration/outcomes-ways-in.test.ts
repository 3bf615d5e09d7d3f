import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as embedConvert, OPTIONS as embedConvertOptions } from "@/app/api/embed/conversions/route";
import { POST as eventsPost } from "@/app/api/events/route";
import { db, rows } from "@/db/client";
import { conversions } from "@/db/schema";
import { importConversions, previewConversionImport } from "@/lib/outcomes/import";
import { CLIENT_IP_HEADER } from "@/lib/tracking";
import { signWebhook } from "@/lib/webhooks";
import { makeSharedLink, withSettings } from "@/tests/helpers";

const SECRET = "whsec_outcomes_test";
const SITE = "https://www.company.test";
const uid = () => Math.random().toString(36).slice(2);

beforeAll(() => {
  process.env.CHORUS_WEBHOOK_SECRET = SECRET;
  process.env.CHORUS_EMBED_ORIGINS = SITE;
});
afterAll(() => {
  delete process.env.CHORUS_WEBHOOK_SECRET;
  delete process.env.CHORUS_EMBED_ORIGINS;
});

function signed(event: unknown, { at = Date.now(), secret = SECRET, sign = true } = {}): Request {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(at / 1000));
  const headers: Record<string, string> = { "x-chorus-timestamp": timestamp };
  if (sign) headers["x-chorus-signature"] = signWebhook(secret, timestamp, body);
  return new Request("https://chorus.test/api/events", { method: "POST", body, headers });
}

/** A documentation-range IPv6 address of the visitor's own /64 (an IPv6 visitor is told apart by its /64). */
const visitorAddress = (visitor: string) =>
  `2001:db8:${createHash("sha256")
    .update(visitor)
    .digest("hex")
    .slice(0, 8)
    .replace(/(....)(....)/, "$1:$2")}::1`;

function fromBrowser(body: unknown, { origin = SITE, visitor = uid() } = {}): Request {
  return new Request("https://chorus.test/api/embed/conversions", {
    method: "POST",
    body: JSON.stringify(body),
    // A visitor is the address the server saw (server.ts sets this header from the socket), not a user agent.
    headers: {
      origin,
      "content-type": "text/plain;charset=UTF-8",
      "user-agent": "Mozilla/5.0",
      [CLIENT_IP_HEADER]: visitorAddress(visitor),
    },
  });
}

const count = () => db.$count(conversions);

async function creditedWon(advocateId: string) {
  const [row] = await rows<{ won: number; leads: number; revenue: string }>(
    sql`select coalesce(sum(won), 0)::int as won, coalesce(sum(leads), 0)::int as leads,
               coalesce(sum(revenue), 0)::text as revenue from rollup_outcomes where advocate_id = ${advocateId}`,
  );
  return { won: row!.won, leads: row!.leads, revenue: Number(row!.revenue) };
}

describe("server: POST /api/events with type conversion", () => {
  test("a signed conversion is recorded once; its replay is a duplicate", async () => {
    const link = await makeSharedLink();
    const event = {
      type: "conversion",
      kind: "won",
      externalId: `crm-${uid()}`,
      code: link.code,
      amount: "1200",
      currency: "EUR",
    };
    const first = await eventsPost(signed(event));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ recorded: true, attributed: true });
    const replay = await eventsPost(signed(event));
    expect(await replay.json()).toMatchObject({ recorded: false, duplicate: true });
    expect(await creditedWon(link.advocateId)).toMatchObject({ won: 1, revenue: 1200 });
  });

  test("unsigned, wrongly signed and stale events are refused and write nothing", async () => {
    const before = await count();
    const event = { type: "conversion", kind: "lead", externalId: `crm-${uid()}` };
    expect((await eventsPost(signed(event, { sign: false }))).status).toBe(401);
    expect((await eventsPost(signed(event, { secret: "guess" }))).status).toBe(401);
    expect((await eventsPost(signed(event, { at: Date.now() - 10 * 60_000 }))).status).toBe(400);
    expect(await count()).toBe(before);
  });

  test("bad fields answer 400 with fields; a conflicting amount answers 409 and the first amount stands", async () => {
    const before = await count();
    const bad = await eventsPost(
      signed({ type: "conversion", kind: "lead", externalId: "x", amount: 5, currency: "EUR" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.amount).toBeDefined();
    const nan = await eventsPost(
      signed({ type: "conversion", kind: "won", externalId: "y", amount: "NaN", currency: "EUR" }),
    );
    expect(nan.status).toBe(400);
    expect(await count()).toBe(before);

    const externalId = `crm-${uid()}`;
    await eventsPost(signed({ type: "conversion", kind: "won", externalId, amount: "100", currency: "USD" }));
    const conflict = await eventsPost(
      signed({ type: "conversion", kind: "won", externalId, amount: "900", currency: "USD" }),
    );
    expect(conflict.status).toBe(409);
    expect((await conflict.json()).error.message).toContain("first amount stands");
    const [row] = await db
      .select({ amount: conversions.amount })
      .from(conversions)
      .where(eq(conversions.externalId, externalId));
    expect(Number(row!.amount)).toBe(100);
  });

  test("an unknown code is stored unattributed, not refused", async () => {
    const response = await eventsPost(
      signed({ type: "conversion", kind: "lead", externalId: `crm-${uid()}`, code: "Nope1234" }),
    );
    expect(await response.json()).toMatchObject({
      recorded: true,
      attributed: false,
      unattributedReason: "unknown_code",
    });
  });
});

describe("browser: POST /api/embed/conversions", () => {
  test("a lead from an allowed site is credited; the server then reports the same deal won with its amount", async () => {
    const link = await makeSharedLink();
    const deal = `form-${uid()}`;
    const lead = await embedConvert(
      fromBrowser({ kind: "lead", id: deal, code: link.code, clickedAt: new Date().toISOString() }),
    );
    expect(lead.status).toBe(201);
    expect(lead.headers.get("access-control-allow-origin")).toBe(SITE);
    await eventsPost(signed({ type: "conversion", kind: "won", externalId: deal, amount: "7500", currency: "EUR" }));
    expect(await creditedWon(link.advocateId)).toEqual({ won: 1, leads: 1, revenue: 7500 });
  });

  test("other origins are refused, with no CORS grant", async () => {
    const before = await count();
    const response = await embedConvert(fromBrowser({ kind: "lead", id: uid() }, { origin: "https://evil.test" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    expect((await embedConvertOptions(fromBrowser({}, { origin: "https://evil.test" }))).status).toBe(403);
    expect(await count()).toBe(before);
  });

  test("a browser amount above the admin's cap is refused (the default cap is 0: amounts come from the server)", async () => {
    const before = await count();
    const response = await embedConvert(fromBrowser({ kind: "won", id: uid(), value: 10, currency: "EUR" }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.fields.amount[0]).toContain("from the server");
    await withSettings({ browserAmountCap: "100" }, async () => {
      expect((await embedConvert(fromBrowser({ kind: "won", id: uid(), value: 101, currency: "EUR" }))).status).toBe(
        400,
      );
      expect((await embedConvert(fromBrowser({ kind: "won", id: uid(), value: 99, currency: "EUR" }))).status).toBe(
        201,
      );
    });
    expect(await count()).toBe(before + 1);
  });

  test("one visitor is rate-limited after 10 conversions a minute", async () => {
    const visitor = uid();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await embedConvert(fromBrowser({ kind: "signup", id: uid() }, { visitor }))).status);
    expect(statuses.slice(0, 10).every((status) => status === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe("CSV import", () => {
  test("a clean file is previewed, then imported; a re-import counts duplicates", async () => {
    const link = await makeSharedLink();
    const deal = `crm-${uid()}`;
    const csv = `external_id,code,kind,amount,currency,date\n${deal},${link.code},lead,,,2026-11-02\n${deal},,won,2500.00,EUR,2026-11-20T10:00:00Z\n`;
    const preview = await previewConversionImport(csv);
    expect(preview).toMatchObject({ total: 2, errors: [] });
    expect(await importConversions(csv)).toEqual({ ok: true, recorded: 2, duplicates: 0, attributed: 2 });
    expect(await creditedWon(link.advocateId)).toEqual({ won: 1, leads: 1, revenue: 2500 });
    expect(await importConversions(csv)).toEqual({ ok: true, recorded: 0, duplicates: 2, attributed: 0 });
  });

  test("every bad row is named by line and field, and nothing of the file is written", async () => {
    const link = await makeSharedLink();
    const before = await count();
    const csv = [
      "external_id,code,kind,amount,currency,date",
      `ok-${uid()},${link.code},lead,,,2026-11-01`,
      `a-${uid()},${link.code},won,-5,EUR,2026-11-01`,
      `b-${uid()},,won,abc,EUR,2026-11-01`,
      `c-${uid()},,won,10,XYZ,2026-11-01`,
      `d-${uid()},,lead,10,EUR,2026-11-01`,
      `e-${uid()},,won,1000000000000000,EUR,2026-11-01`,
      `f-${uid()},,refund,,,2026-11-01`,
      `g-${uid()},,lead,,,31/12/2026`,
      "dup,,lead,,,2026-11-01",
      "dup,,lead,,,2026-11-02",
    ].join("\n");
    const result = await importConversions(csv);
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors.map((e) => `${e.line}:${e.field}`);
    expect(errors).toEqual([
      "3:amount",
      "4:amount",
      "5:currency",
      "6:amount",
      "7:amount",
      "8:kind",
      "9:date",
      "11:external_id",
    ]);
    expect(await count()).toBe(before);
  });

  test("a row whose amount differs from the recorded one rejects the whole file", async () => {
    const deal = `crm-${uid()}`;
    await importConversions(`external_id,kind,amount,currency,date\n${deal},won,100,EUR,2026-11-01\n`);
    const before = await count();
    const result = await importConversions(
      `external_id,kind,amount,currency,date\nnew-${uid()},lead,,,2026-11-01\n${deal},won,150,EUR,2026-11-01\n`,
    );
    expect(result).toMatchObject({ ok: false, errors: [{ line: 3, field: "amount" }] });
    expect(await count()).toBe(before);
  });
});
