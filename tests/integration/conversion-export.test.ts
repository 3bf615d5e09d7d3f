import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { conversions, posts, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { recordConversion } from "@/lib/outcomes/record";
import { CONVERSION_EXPORT_PAGE } from "@/lib/outcomes/export";
import { makeSharedLink, makeTeam, makeUser, ORIGIN, withSettings } from "@/tests/helpers";

// Routes see the signed-in user through currentUser(); the tests say who that is.
const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));

const { GET } = await import("@/app/api/export/[table]/route");

const uid = () => Math.random().toString(36).slice(2);
const HEADER = [
  "Id",
  "Occurred at (UTC)",
  "Kind",
  "External id",
  "Amount",
  "Currency",
  "Code",
  "Attributed",
  "Advocate",
  "Team",
  "Resharer",
  "Post id",
  "Post",
  "Network",
  "Source",
  "Recorded at (UTC)",
];

async function download(query: string, as: SessionUser | null) {
  signedIn.user = as;
  return GET(new Request(`${ORIGIN}/api/export/conversions?${query}`), {
    params: Promise.resolve({ table: "conversions" }),
  });
}

/** The CSV's records (the byte-order mark dropped), each a list of cells. */
async function records(response: Response): Promise<string[][]> {
  expect(response.status).toBe(200);
  return parse((await response.text()).replace(/^\uFEFF/, ""), { relax_column_count: false });
}

describe("the raw conversions export", () => {
  test("one line per stored event in the period, newest first, attributed and not, formula-safe", async () => {
    const teamName = `Closers ${uid()}`;
    const teamId = await makeTeam(teamName);
    const advocate = await makeUser(["advocate"], teamId);
    const link = await makeSharedLink(advocate, "linkedin");
    const [post] = await db.select({ title: posts.title }).from(posts).where(eq(posts.id, link.postId));
    const deal = `=HYPERLINK("https://evil.example","deal ${uid()}")`;
    const day = "2026-03-10";
    await recordConversion(
      { kind: "lead", externalId: deal, code: link.code, occurredAt: `${day}T09:00:00Z` },
      { source: "server" },
    );
    await recordConversion(
      { kind: "won", externalId: deal, amount: "12500.5", currency: "EUR", occurredAt: `${day}T15:30:00Z` },
      { source: "import" },
    );
    const stranger = `@crm-${uid()}`;
    await recordConversion(
      { kind: "lead", externalId: stranger, code: "Unknown1", occurredAt: `${day}T16:00:00Z` },
      { source: "browser" },
    );
    // The day after the period: not in it.
    await recordConversion(
      { kind: "lead", externalId: `crm-${uid()}`, code: link.code, occurredAt: "2026-03-11T00:30:00Z" },
      { source: "server" },
    );

    const leader = await makeUser(["advocate", "leader"]);
    const response = await download(`period=custom&from=${day}&to=${day}`, leader);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toContain(`filename="chorus-conversions-${day}-to-${day}.csv"`);
    const [header, ...lines] = await records(response);
    expect(header).toEqual(HEADER);
    const stored = await db
      .select({ id: conversions.id, createdAt: conversions.createdAt })
      .from(conversions)
      .where(eq(conversions.externalId, deal))
      .orderBy(conversions.id);
    const [leadId, wonId] = stored.map((row) => String(row.id));
    const at = (id: string) =>
      stored
        .find((row) => String(row.id) === id)!
        .createdAt.toISOString()
        .replace(/\.\d{3}Z$/, "Z");
    const advocateName = advocate.name!;
    expect(lines).toEqual([
      [
        expect.any(String),
        `${day}T16:00:00Z`,
        "lead",
        `'${stranger}`,
        "",
        "",
        "Unknown1",
        "no",
        "",
        "",
        "",
        "",
        "",
        "",
        "browser",
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      ],
      [
        wonId,
        `${day}T15:30:00Z`,
        "won",
        `'${deal}`,
        "12500.5",
        "EUR",
        "",
        "yes",
        advocateName,
        teamName,
        "",
        String(link.postId),
        post!.title,
        "LinkedIn",
        "import",
        at(wonId!),
      ],
      [
        leadId,
        `${day}T09:00:00Z`,
        "lead",
        `'${deal}`,
        "",
        "",
        link.code,
        "yes",
        advocateName,
        teamName,
        "",
        String(link.postId),
        post!.title,
        "LinkedIn",
        "server",
        at(leadId!),
      ],
    ]);
    expect(Number(lines[0]![0])).toBeGreaterThan(Number(wonId));

    // One team: its advocates' credited conversions only, never the unattributed one.
    const team = await records(await download(`period=custom&from=${day}&to=${day}&team=${teamId}`, leader));
    expect(team.slice(1).map((line) => line[0])).toEqual([wonId, leadId]);
  });

  test("read a page at a time: every conversion of a long period once, in order, days in the company time zone", async () => {
    const teamName = `Quiet ${uid()}`;
    const teamId = await makeTeam(teamName);
    const advocate = await makeUser(["advocate"], teamId);
    await db.update(users).set({ hideName: true }).where(eq(users.id, advocate.id));
    const count = CONVERSION_EXPORT_PAGE + 3;
    // Straight into the table (the export reads it raw): 23:30 UTC is the next day in Berlin.
    const inserted = await db
      .insert(conversions)
      .values(
        Array.from({ length: count }, (_, i) => ({
          kind: "lead",
          externalId: `bulk-${uid()}-${i}`,
          occurredAt: new Date(Date.UTC(2001, 0, 31, 23, 30) + i * 60_000),
          advocateId: advocate.id,
          source: "import",
        })),
      )
      .returning({ id: conversions.id });
    const admin = await makeUser(["advocate", "admin"]);
    await withSettings({ timeZone: "Europe/Berlin" }, async () => {
      const lines = (await records(await download(`period=custom&from=2001-02-01&to=2001-02-01`, admin))).slice(1);
      expect(lines.map((line) => line[0])).toEqual(inserted.map((row) => String(row.id)).reverse());
      expect(lines[0]!.slice(7, 10)).toEqual(["yes", "Anonymous advocate", teamName]);
      expect(await records(await download(`period=custom&from=2001-01-31&to=2001-01-31`, admin))).toEqual([HEADER]);
    });
  });

  test("leaders and admins only: an advocate is refused, no session is asked to sign in", async () => {
    const advocate = await download("period=all", await makeUser(["advocate"]));
    expect(advocate.status).toBe(403);
    expect(await advocate.json()).toMatchObject({ error: { code: "forbidden" } });
    const nobody = await download("period=all", null);
    expect(nobody.status).toBe(401);
    expect(await nobody.json()).toMatchObject({ error: { code: "unauthorized" } });
    const bad = await download("period=custom&from=2026-02-30&to=2026-03-01", await makeUser(["leader"]));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid", fields: { from: expect.any(Array) } } });
  });
});
