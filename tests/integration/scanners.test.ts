import { IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/db/client";
import { clicks, rollupDaily } from "@/db/schema";
import { ClickWriter } from "@/lib/click-writer";
import { complianceInput, updateComplianceSettings } from "@/lib/content/compliance";
import { handleShortLink, LinkCache } from "@/lib/redirect";
import { makeSharedLink, makeUser } from "@/tests/helpers";

const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";

async function visit(code: string, ip: string, userAgent = BROWSER) {
  const socket = new Socket();
  const req = new IncomingMessage(socket);
  req.method = "GET";
  req.url = `/s/${code}`;
  req.headers = { "user-agent": userAgent, "x-forwarded-for": ip };
  const res = new ServerResponse(req);
  const writer = new ClickWriter();
  await handleShortLink(req, res, new LinkCache(), writer);
  await writer.drain();
  socket.destroy();
  return res.statusCode;
}

const previousTrustProxy = process.env.TRUST_PROXY;
beforeAll(() => {
  process.env.TRUST_PROXY = "1";
});
afterAll(() => {
  process.env.TRUST_PROXY = previousTrustProxy;
});

describe("mail scanners", () => {
  test("clicks from scanner user agents and admin-listed ranges are stored as scanner, never counted, no address kept", async () => {
    const admin = await makeUser(["advocate", "admin"]);
    await updateComplianceSettings(
      admin.id,
      complianceInput.parse({ scannerRanges: "104.47.0.0/17\n2a01:111:f400::/48" }),
    );
    const link = await makeSharedLink();
    expect(await visit(link.code, "198.51.100.20", "Mozilla/5.0 (compatible; Mimecast URL Protect)")).toBe(302);
    expect(await visit(link.code, "104.47.30.126")).toBe(302);
    expect(await visit(link.code, "2a01:111:f400:7e00::10")).toBe(302);
    expect(await visit(link.code, "198.51.100.21")).toBe(302);

    const rows = await db.select().from(clicks).where(eq(clicks.linkId, link.id)).orderBy(clicks.id);
    expect(rows.map((row) => row.reason)).toEqual(["scanner", "scanner", "scanner", "counted"]);
    expect(rows.map((row) => row.counted)).toEqual([false, false, false, true]);
    const stored = JSON.stringify(rows);
    for (const ip of ["104.47.30.126", "2a01:111:f400", "198.51.100"]) expect(stored).not.toContain(ip);
    const [rollup] = await db
      .select({
        clicks: sql<number>`sum(${rollupDaily.clicks})::int`,
        counted: sql<number>`sum(${rollupDaily.countedClicks})::int`,
      })
      .from(rollupDaily)
      .where(eq(rollupDaily.advocateId, link.advocateId));
    expect(rollup).toEqual({ clicks: 4, counted: 1 });

    await updateComplianceSettings(admin.id, complianceInput.parse({ scannerRanges: "" }));
    expect(await visit(link.code, "104.47.30.127")).toBe(302);
    const [last] = await db
      .select()
      .from(clicks)
      .where(eq(clicks.linkId, link.id))
      .orderBy(sql`${clicks.id} desc`)
      .limit(1);
    expect(last!.reason).toBe("counted");
  });

  test("a range list with bad entries is a field error naming them", () => {
    const parsed = complianceInput.safeParse({ scannerRanges: "10.0.0.0/8, 10.0.0.0/33\nexample.com" });
    expect(parsed.success).toBe(false);
    const message = parsed.error!.flatten().fieldErrors.scannerRanges?.[0];
    expect(message).toContain("10.0.0.0/33");
    expect(message).toContain("example.com");
    expect(message).not.toContain("10.0.0.0/8,");
  });
});
