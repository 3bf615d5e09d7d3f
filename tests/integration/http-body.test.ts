import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { posts, reshares } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { ensureHashtags } from "@/lib/hashtags";
import { JSON_BODY_LIMIT, readBody } from "@/lib/api/body";
import { IMPORT_MAX_BYTES } from "@/lib/import";
import { signWebhook } from "@/lib/webhooks";
import { makeSharedLink, makeUser } from "@/tests/helpers";

// Routes see the signed-in user through currentUser(); the tests say who that is.
const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
const { POST: events } = await import("@/app/api/events/route");
const { POST: importRoute } = await import("@/app/api/library/import/route");
const { POST: previewRoute } = await import("@/app/api/library/import/preview/route");
const { POST: createPostRoute } = await import("@/app/api/posts/route");
const { POST: shareRoute } = await import("@/app/api/share/route");
const { POST: teamsRoute } = await import("@/app/api/admin/teams/route");

const SECRET = "body-test-secret";
beforeAll(() => {
  process.env.CHORUS_WEBHOOK_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.CHORUS_WEBHOOK_SECRET;
});

const CHUNK = 64 * 1024;

/** A chunked body (no Content-Length) of `total` bytes, made only as it is pulled; `pulled` says how much was. */
function chunkedBody(total: number) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(CHUNK).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += CHUNK;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

function chunkedRequest(url: string, total: number, headers: Record<string, string> = {}) {
  const { stream, state } = chunkedBody(total);
  const request = new Request(url, { method: "POST", body: stream, headers, duplex: "half" } as RequestInit);
  expect(request.headers.get("content-length")).toBeNull();
  return { request, state };
}

async function expectTooLarge(response: Response) {
  expect(response.status).toBe(413);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("too_large");
  expect(body.error.message).toMatch(/larger than/);
}

describe("one body reader", () => {
  test("a chunked body past the limit stops being read at the limit", async () => {
    const { request, state } = chunkedRequest("http://chorus.test/x", 50 * 1024 * 1024);
    const read = await readBody(request, { limit: JSON_BODY_LIMIT });
    expect("response" in read && read.response.status).toBe(413);
    expect(state.pulled).toBeLessThanOrEqual(JSON_BODY_LIMIT + 2 * CHUNK);
  });

  test("a declared Content-Length past the limit is refused before a byte is read", async () => {
    const request = new Request("http://chorus.test/x", {
      method: "POST",
      body: "x".repeat(100),
      headers: { "content-length": String(10 * 1024 * 1024) },
    });
    const read = await readBody(request, { limit: 1024 });
    expect("response" in read && read.response.status).toBe(413);
    expect(request.bodyUsed).toBe(false);
  });

  test("a body within the limit is read whole", async () => {
    const { request } = chunkedRequest("http://chorus.test/x", 3 * CHUNK);
    const read = await readBody(request, { limit: 4 * CHUNK });
    expect("data" in read && read.data.byteLength).toBe(3 * CHUNK);
  });
});

describe("routes that read a body", () => {
  test("POST /api/events (no sign-in): a 50 MB chunked body is a 413 after at most 64 KiB and a chunk", async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const { request, state } = chunkedRequest("http://chorus.test/api/events", 50 * 1024 * 1024, {
      "x-chorus-timestamp": timestamp,
      "x-chorus-signature": "sha256=00",
    });
    await expectTooLarge(await events(request));
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * CHUNK);
  });

  test("POST /api/events: a signed body that is not JSON is a 400, and nothing is recorded", async () => {
    const link = await makeSharedLink();
    const before = await db.select({ n: count() }).from(reshares);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const body = `{"id":"evt-${Date.now()}","type":"reshare","code":"${link.code}",`;
    const response = await events(
      new Request("http://chorus.test/api/events", {
        method: "POST",
        body,
        headers: { "x-chorus-timestamp": timestamp, "x-chorus-signature": signWebhook(SECRET, timestamp, body) },
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: "invalid", message: "The body is not valid JSON." } });
    expect(await db.select({ n: count() }).from(reshares)).toEqual(before);
  });

  test("the CSV import trusts no Content-Length: a chunked 50 MB upload is a 413 after the cap", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    for (const route of [importRoute, previewRoute]) {
      const { request, state } = chunkedRequest("http://chorus.test/api/library/import", 50 * 1024 * 1024, {
        "content-type": "multipart/form-data; boundary=x",
      });
      const response = await route(request, {});
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        "The file is larger than 5 MB; split it into smaller files.",
      );
      expect(state.pulled).toBeLessThanOrEqual(IMPORT_MAX_BYTES + 64 * 1024 + 2 * CHUNK);
    }
  });

  test("JSON routes: malformed JSON is a 400, a body past 64 KiB a 413, and nothing is written", async () => {
    signedIn.user = await makeUser(["advocate", "curator", "admin"]);
    const mine = () => db.select({ n: count() }).from(posts).where(eq(posts.authorId, signedIn.user!.id));
    for (const route of [createPostRoute, teamsRoute]) {
      const bad = await route(new Request("http://chorus.test/x", { method: "POST", body: '{"title": "A' }), {});
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { code: "invalid", message: "The body is not valid JSON." } });
      const { request } = chunkedRequest("http://chorus.test/x", 1024 * 1024);
      await expectTooLarge(await route(request, {}));
    }
    expect(await mine()).toEqual([{ n: 0 }]);
  });

  test("POST /api/share: a malformed multipart body is a 400, not a 500", async () => {
    signedIn.user = await makeUser(["advocate"]);
    await ensureHashtags(["news"]);
    const response = await shareRoute(
      new Request("http://chorus.test/api/share", {
        method: "POST",
        body: '--nope\r\nContent-Disposition: form-data; name="postId"\r\n\r\n1',
        headers: { "content-type": "multipart/form-data; boundary=other" },
      }),
      {},
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid");
  });
});

describe("CSV encodings", () => {
  const upload = (bytes: Uint8Array<ArrayBuffer>) => {
    const form = new FormData();
    form.set("file", new File([bytes], "posts.csv", { type: "text/csv" }));
    return new Request("http://chorus.test/api/library/import", { method: "POST", body: form });
  };

  test("a Latin-1 file is refused with a message about its encoding, and nothing is imported", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    await ensureHashtags(["news"]);
    // "Café" in Latin-1: é is the single byte 0xE9, which is not UTF-8.
    const latin1 = Uint8Array.from(Buffer.from("title,url,hashtags\nCafé,https://example.com/cafe,news\n", "latin1"));
    for (const route of [previewRoute, importRoute]) {
      const response = await route(upload(latin1), {});
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string; fields: { file: string[] } } };
      expect(body.error.code).toBe("invalid");
      expect(body.error.message).toMatch(/not UTF-8/);
      expect(body.error.fields.file[0]).toMatch(/CSV UTF-8/);
    }
    expect(await db.select({ n: count() }).from(posts).where(eq(posts.authorId, signedIn.user.id))).toEqual([{ n: 0 }]);
  });

  test("a UTF-8 file with a byte-order mark imports, accents intact and the BOM gone", async () => {
    signedIn.user = await makeUser(["advocate", "curator"]);
    await ensureHashtags(["news"]);
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("title,url,hashtags\nCafé crème,https://example.com/cafe,news\n", "utf8"),
    ]);
    const response = await importRoute(upload(Uint8Array.from(bytes)), {});
    expect((await response.text()).trim().split("\n").at(-1)).toBe('{"type":"done","imported":1}');
    const [post] = await db.select({ title: posts.title }).from(posts).where(eq(posts.authorId, signedIn.user.id));
    expect(post!.title).toBe("Café crème");
  });
});
