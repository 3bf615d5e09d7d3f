import { describe, expect, test } from "vitest";
import { reshareEvent, signWebhook, verifyWebhook } from "@/lib/webhooks";

const secret = "test-secret";
const body = JSON.stringify({ id: "evt-1", type: "reshare", code: "AbCdEf12", count: 3 });
const now = Date.UTC(2026, 10, 23, 12, 0, 0);
const timestamp = String(now / 1000);

describe("webhook signatures", () => {
  test("a body signed with the shared secret and a fresh timestamp passes", () => {
    expect(
      verifyWebhook({ secret, rawBody: body, timestamp, signature: signWebhook(secret, timestamp, body), now }),
    ).toEqual({ ok: true });
  });

  test("a signature made with another secret is refused with 401", () => {
    const result = verifyWebhook({
      secret,
      rawBody: body,
      timestamp,
      signature: signWebhook("other", timestamp, body),
      now,
    });
    expect(result).toMatchObject({ ok: false, status: 401, code: "unauthorized" });
  });

  test("a body changed after signing is refused with 401", () => {
    const result = verifyWebhook({
      secret,
      rawBody: body.replace('"count":3', '"count":300'),
      timestamp,
      signature: signWebhook(secret, timestamp, body),
      now,
    });
    expect(result).toMatchObject({ ok: false, status: 401 });
  });

  test("the timestamp is part of what is signed", () => {
    const later = String(now / 1000 + 60);
    expect(
      verifyWebhook({ secret, rawBody: body, timestamp: later, signature: signWebhook(secret, timestamp, body), now }),
    ).toMatchObject({ ok: false, status: 401 });
  });

  test("a timestamp more than 5 minutes old or ahead is refused with 400, signed or not", () => {
    for (const offset of [-301, 301]) {
      const stale = String(now / 1000 + offset);
      expect(
        verifyWebhook({ secret, rawBody: body, timestamp: stale, signature: signWebhook(secret, stale, body), now }),
      ).toMatchObject({ ok: false, status: 400 });
    }
    const edge = String(now / 1000 - 299);
    expect(
      verifyWebhook({ secret, rawBody: body, timestamp: edge, signature: signWebhook(secret, edge, body), now }),
    ).toEqual({ ok: true });
  });

  test("missing or malformed headers are refused", () => {
    expect(verifyWebhook({ secret, rawBody: body, timestamp: null, signature: "x", now })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(verifyWebhook({ secret, rawBody: body, timestamp: "yesterday", signature: "x", now })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(verifyWebhook({ secret, rawBody: body, timestamp, signature: null, now })).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(verifyWebhook({ secret, rawBody: body, timestamp, signature: "sha256=short", now })).toMatchObject({
      ok: false,
      status: 401,
    });
  });
});

describe("reshare events", () => {
  test("count defaults to 1 and must be a positive integer", () => {
    expect(reshareEvent.parse({ id: "e", type: "reshare", code: "AbCdEf12" }).count).toBe(1);
    expect(reshareEvent.safeParse({ id: "e", type: "reshare", code: "AbCdEf12", count: 0 }).success).toBe(false);
    expect(reshareEvent.safeParse({ id: "e", type: "reshare", code: "AbCdEf12", count: 1.5 }).success).toBe(false);
  });

  test("unknown types and malformed codes are refused", () => {
    expect(reshareEvent.safeParse({ id: "e", type: "like", code: "AbCdEf12" }).success).toBe(false);
    expect(reshareEvent.safeParse({ id: "e", type: "reshare", code: "../../x" }).success).toBe(false);
    expect(reshareEvent.safeParse({ type: "reshare", code: "AbCdEf12" }).success).toBe(false);
  });
});
