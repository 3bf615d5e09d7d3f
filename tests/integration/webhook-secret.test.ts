import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { POST as eventsPost } from "@/app/api/events/route";
import { db } from "@/db/client";
import { auditEvents, settings } from "@/db/schema";
import { decryptSecret, encryptSecret, rotateWebhookSecret } from "@/lib/secrets";
import { signWebhook } from "@/lib/webhooks";
import { makeSharedLink, makeUser } from "@/tests/helpers";

beforeAll(() => {
  process.env.AUTH_SECRET ??= "test-auth-secret";
});
afterEach(() => {
  delete process.env.CHORUS_WEBHOOK_SECRET;
});

let eventNumber = 0;
async function report(secret: string, code: string): Promise<Response> {
  const body = JSON.stringify({ id: `evt-${Date.now()}-${eventNumber++}`, type: "reshare", code, count: 1 });
  const timestamp = String(Math.floor(Date.now() / 1000));
  return eventsPost(
    new Request("https://chorus.test/api/events", {
      method: "POST",
      body,
      headers: { "x-chorus-timestamp": timestamp, "x-chorus-signature": signWebhook(secret, timestamp, body) },
    }),
  );
}

describe("stored secrets", () => {
  test("AES-256-GCM round trip; tampering or another AUTH_SECRET reads as nothing", () => {
    const stored = encryptSecret("whsec_abc");
    expect(stored).not.toContain("whsec_abc");
    expect(decryptSecret(stored)).toBe("whsec_abc");
    expect(encryptSecret("whsec_abc")).not.toBe(stored);
    const [v, iv, tag, data] = stored.split(".");
    expect(decryptSecret([v, iv, tag, `${data!.slice(0, -2)}AA`].join("."))).toBeNull();
    const original = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-secret";
    try {
      expect(decryptSecret(stored)).toBeNull();
    } finally {
      process.env.AUTH_SECRET = original;
    }
  });
});

describe("webhook secret rotation", () => {
  test("without any secret, events are refused as not configured", async () => {
    const response = await report("anything", "abcd1234");
    expect(response.status).toBe(503);
  });

  test("a rotated secret is stored encrypted, audited, and is the one POST /api/events accepts; the old one stops working", async () => {
    const admin = await makeUser(["advocate", "admin"]);
    const link = await makeSharedLink();
    const { secret: first } = await rotateWebhookSecret(admin.id);
    const [row] = await db.select({ encrypted: settings.webhookSecretEncrypted }).from(settings);
    expect(row!.encrypted).not.toContain(first);
    expect(decryptSecret(row!.encrypted!)).toBe(first);
    expect((await report(first, link.code)).status).toBe(200);

    const { secret: second } = await rotateWebhookSecret(admin.id);
    expect(second).not.toBe(first);
    expect((await report(second, link.code)).status).toBe(200);
    const refused = await report(first, link.code);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe("unauthorized");
    const audits = await db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "webhook_secret.rotate"));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits)).not.toContain(first);
  });

  test("CHORUS_WEBHOOK_SECRET keeps working beside the rotated secret", async () => {
    const admin = await makeUser(["advocate", "admin"]);
    const link = await makeSharedLink();
    const { secret } = await rotateWebhookSecret(admin.id);
    process.env.CHORUS_WEBHOOK_SECRET = "from-the-environment";
    expect((await report("from-the-environment", link.code)).status).toBe(200);
    expect((await report(secret, link.code)).status).toBe(200);
    expect((await report("wrong", link.code)).status).toBe(401);
  });
});
