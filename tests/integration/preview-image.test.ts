import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/db/client";
import { posts } from "@/db/schema";
import type { SessionUser } from "@/lib/auth";
import { MAX_IMAGE_BYTES } from "@/lib/images";
import { getPost } from "@/lib/posts";
import { LocalFileStorage } from "@/lib/storage";
import { makeDraftPost, makeUser } from "@/tests/helpers";

const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const { createPostAction, updatePostAction } = await import("@/app/(app)/library/actions");

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");

/** A page whose <head> carries these meta tags. */
const page = (meta: string, body = "<p>Article</p>") =>
  `<!doctype html><html><head><title>Article</title>${meta}</head><body>${body}</body></html>`;

// What the test site saw: each request's URL and headers, and whether a streamed answer was cut off by the reader.
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
const cutOff = new Set<string>();

/**
 * Writes `total` bytes (starting with `head`) in 64 KB chunks, minding backpressure; notes if the reader hangs up
 * first.
 */
function stream(res: ServerResponse, url: string, head: Buffer, total: number) {
  let sent = 0;
  res.on("close", () => {
    if (sent < total) cutOff.add(url);
  });
  const more = () => {
    while (sent < total && !res.destroyed) {
      const chunk = sent === 0 ? head : Buffer.alloc(Math.min(65_536, total - sent), 0x20);
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", more);
    }
    if (sent >= total) res.end();
  };
  more();
}

/** The test site's pages that are a head with these tags and nothing else. */
const HEADS: Record<string, string> = {
  "/articles/relative": `<meta property="og:image" content="images/pixel.png">`,
  "/twitter-only": `<meta name="twitter:image" content="/img/pixel.gif">`,
  "/no-image": `<meta property="og:title" content="Nothing to see">`,
  "/fake-png": `<meta property="og:image" content="/img/fake.png">`,
  "/huge-image": `<meta property="og:image" content="/img/huge.png">`,
  "/huge-streamed-image": `<meta property="og:image" content="/img/huge-streamed.png">`,
  "/redirected-image": `<meta property="og:image" content="/img/moved.png">`,
  "/file-image": `<meta property="og:image" content="file:///etc/passwd">`,
};

const site = createServer((req, res) => {
  const url = req.url ?? "/";
  seen.push({ url, headers: req.headers });
  const html = (body: string) => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(body);
  const hop = /^\/hop\/(\d+)$/.exec(url);
  if (hop)
    return res.writeHead(302, { Location: Number(hop[1]) > 1 ? `/hop/${Number(hop[1]) - 1}` : "/og-absolute" }).end();
  if (Object.hasOwn(HEADS, url)) return html(page(HEADS[url]!));
  switch (url) {
    case "/og-absolute":
      return html(
        page(
          `<meta property="og:image" content="${origin}/img/pixel.png?size=1&amp;v=2"><meta name="twitter:image" content="/img/pixel.gif">`,
        ),
      );
    case "/long-page":
      // A 20 MB page: the head (with the image) is in the first megabyte, which is all that is read.
      res.writeHead(200, { "Content-Type": "text/html" });
      return stream(
        res,
        url,
        Buffer.from(`<!doctype html><html><head><meta property="og:image" content="/img/pixel.png"></head><body>`),
        20 * 1024 * 1024,
      );
    case "/slow":
      return void setTimeout(() => html(page(`<meta property="og:image" content="/img/pixel.png">`)), 8_000);
    case "/img/pixel.png?size=1&v=2":
    case "/img/pixel.png":
    case "/articles/images/pixel.png":
      return res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
    case "/img/pixel.gif":
      return res.writeHead(200, { "Content-Type": "image/gif" }).end(GIF);
    case "/img/fake.png":
      return res.writeHead(200, { "Content-Type": "image/png" }).end("<svg onload=alert(1)> not a png");
    case "/img/moved.png":
      return res.writeHead(301, { Location: `${origin}/img/pixel.png` }).end();
    case "/img/huge.png": {
      const huge = Buffer.alloc(MAX_IMAGE_BYTES + 1);
      PNG.copy(huge);
      return res.writeHead(200, { "Content-Type": "image/png", "Content-Length": huge.length }).end(huge);
    }
    case "/img/huge-streamed.png":
      // No Content-Length: only counting while reading can stop it.
      res.writeHead(200, { "Content-Type": "image/png" });
      return stream(res, url, PNG, 20 * 1024 * 1024);
    default:
      return res.writeHead(404).end("not found");
  }
});

let origin: string;
let uploads: string;
const stored = () => readdirSync(uploads);

beforeAll(async () => {
  uploads = mkdtempSync(path.join(tmpdir(), "chorus-uploads-"));
  (globalThis as { __chorusStorage?: unknown }).__chorusStorage = new LocalFileStorage(uploads);
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  // The test site is on loopback, which the fetcher refuses unless told otherwise (as scripts/e2e-server.ts does).
  vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
  signedIn.user = await makeUser(["advocate", "curator"]);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

let counter = 0;
function postForm(values: Record<string, string | File>): FormData {
  const data = new FormData();
  data.set("title", `Preview post ${Date.now()}-${++counter}`);
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
}

/** Creates a post from the link's preview image and returns the stored image's bytes and file name. */
async function createFromLink(pagePath: string) {
  const result = await createPostAction(null, postForm({ url: `${origin}${pagePath}`, imageFromLink: "1" }));
  if (!result.ok) throw new Error(`expected a saved post, got ${JSON.stringify(result)}`);
  const imageUrl = (await getPost(result.postId))!.imageUrl!;
  expect(imageUrl).toMatch(/^\/uploads\/[0-9a-f-]{36}\.(png|gif)$/);
  const file = imageUrl.split("/").pop()!;
  return { file, bytes: readFileSync(path.join(uploads, file)) };
}

/** Neither a post with the form's title nor a file was written: the uploads are as they were (`before`). */
async function expectNothingSaved(form: FormData, before: string[]) {
  expect(
    await db
      .select({ id: posts.id })
      .from(posts)
      .where(eq(posts.title, form.get("title") as string)),
  ).toEqual([]);
  expect(stored()).toEqual(before);
}

/** The save is refused with this error next to the image field, and neither a post nor a file is written. */
async function expectRefused(pagePath: string, reason: string) {
  const before = stored();
  const form = postForm({ url: `${origin}${pagePath}`, imageFromLink: "1" });
  const result = await createPostAction(null, form);
  expect(result).toEqual({
    ok: false,
    code: "invalid",
    error: "The link's preview image could not be used",
    fields: { image: [reason] },
  });
  await expectNothingSaved(form, before);
}

describe("a post's image taken from its link's preview image", () => {
  test("an absolute og:image is downloaded and stored like an upload, asked for by a user agent naming Chorus", async () => {
    const { file, bytes } = await createFromLink("/og-absolute");
    expect(file).toMatch(/\.png$/);
    expect(bytes.equals(PNG)).toBe(true);
    // og:image wins over twitter:image, and &amp; in the attribute is an &.
    const imageRequest = seen.find((r) => r.url === "/img/pixel.png?size=1&v=2");
    expect(imageRequest?.headers["user-agent"]).toMatch(/Chorus/);
    expect(seen.find((r) => r.url === "/og-absolute")?.headers["user-agent"]).toMatch(/Chorus/);
  });

  test("a relative og:image is resolved against the page", async () => {
    const { bytes } = await createFromLink("/articles/relative");
    expect(bytes.equals(PNG)).toBe(true);
    expect(seen.some((r) => r.url === "/articles/images/pixel.png")).toBe(true);
  });

  test("without og:image, twitter:image is used", async () => {
    const { file, bytes } = await createFromLink("/twitter-only");
    expect(file).toMatch(/\.gif$/);
    expect(bytes.equals(GIF)).toBe(true);
  });

  test("redirects are followed, up to three, for the page and for the image", async () => {
    expect((await createFromLink("/hop/3")).bytes.equals(PNG)).toBe(true);
    expect((await createFromLink("/redirected-image")).bytes.equals(PNG)).toBe(true);
    await expectRefused("/hop/4", "The link redirects more than 3 times");
  });

  test.each([
    [
      "a page with no preview image is refused with a field error, and nothing is saved",
      "/no-image",
      "The link's page has no preview image (og:image or twitter:image)",
    ],
    [
      "an og:image that is a text file claiming to be a PNG is refused by its content",
      "/fake-png",
      "The link's preview image is not a PNG, JPEG, WebP or GIF image",
    ],
    [
      "a preview image that is not http(s) is refused",
      "/file-image",
      "The preview image is not an http:// or https:// address",
    ],
    [
      "a page that does not answer within 5 seconds is refused",
      "/slow",
      "The link took longer than 5 seconds to answer",
    ],
  ])("%s", async (_name, pagePath, reason) => {
    await expectRefused(pagePath, reason);
  });

  test("an image over the upload cap is refused, whether it says its size or is only counted while streaming", async () => {
    await expectRefused("/huge-image", "The preview image is larger than 5 MB");
    await expectRefused("/huge-streamed-image", "The preview image is larger than 5 MB");
    // The read stopped at the cap: the 20 MB answer was cut off, not downloaded.
    await vi.waitFor(() => expect(cutOff.has("/img/huge-streamed.png")).toBe(true));
  });

  test("a long page is read only up to its first megabyte, which holds the head", async () => {
    expect((await createFromLink("/long-page")).bytes.equals(PNG)).toBe(true);
    await vi.waitFor(() => expect(cutOff.has("/long-page")).toBe(true));
  });

  test("a page that is not found, or a host that cannot be reached, is refused", async () => {
    await expectRefused("/missing", "The link answered HTTP 404");
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const before = stored();
    const result = await createPostAction(null, postForm({ url: `http://127.0.0.1:${port}/`, imageFromLink: "1" }));
    expect(result).toMatchObject({
      ok: false,
      fields: { image: [`The link could not be reached (127.0.0.1:${port})`] },
    });
    expect(stored()).toEqual(before);
  });

  test("with the private-address switch off, loopback addresses are refused, by IP or by name, and nothing is stored", async () => {
    vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "");
    try {
      const requests = seen.length;
      await expectRefused(
        "/og-absolute",
        "The link is on a private or local network address, which Chorus does not fetch",
      );
      const byName = `http://localhost:${new URL(origin).port}/og-absolute`;
      const before = stored();
      const result = await createPostAction(null, postForm({ url: byName, imageFromLink: "1" }));
      expect(result).toMatchObject({
        ok: false,
        fields: { image: ["The link is on a private or local network address, which Chorus does not fetch"] },
      });
      expect(stored()).toEqual(before);
      // Refused before connecting: the test site never saw a request.
      expect(seen.length).toBe(requests);
    } finally {
      vi.stubEnv("CHORUS_FETCH_PRIVATE_HOSTS", "1");
    }
  });

  test("an uploaded file wins over the link's preview image", async () => {
    const requests = seen.length;
    const upload = new File([GIF], "mine.gif", { type: "image/gif" });
    const result = await createPostAction(
      null,
      postForm({ url: `${origin}/og-absolute`, imageFromLink: "1", image: upload }),
    );
    expect(result).toMatchObject({ ok: true });
    expect((await getPost((result as { postId: number }).postId))!.imageUrl).toMatch(/\.gif$/);
    expect(seen.length).toBe(requests);
  });

  test("a save refused after the image was stored (an unknown hashtag) leaves no file behind", async () => {
    const before = stored();
    const upload = new File([GIF], "mine.gif", { type: "image/gif" });
    for (const form of [
      postForm({ url: `${origin}/og-absolute`, imageFromLink: "1", hashtags: "notalisted" }),
      postForm({ url: `${origin}/no-image`, image: upload, hashtags: "notalisted" }),
    ]) {
      const result = await createPostAction(null, form);
      expect(result).toMatchObject({
        ok: false,
        fields: { hashtags: [expect.stringContaining("Not in the hashtag list: #notalisted")] },
      });
      await expectNothingSaved(form, before);
    }
  });

  test("editing: the preview image replaces the current one; a refused fetch leaves the post as it was", async () => {
    const { postId } = await makeDraftPost({ url: `${origin}/no-image` }, signedIn.user!);
    const edit = (url: string) =>
      postForm({
        postId: String(postId),
        title: "Edited",
        url: `${origin}${url}`,
        imageFromLink: "1",
        hashtags: "news",
      });
    expect(await updatePostAction(null, edit("/og-absolute"))).toEqual({ ok: true, postId });
    const withImage = (await getPost(postId))!;
    expect(withImage).toMatchObject({ title: "Edited", imageUrl: expect.stringMatching(/^\/uploads\/.+\.png$/) });

    const result = await updatePostAction(null, edit("/fake-png"));
    expect(result).toMatchObject({
      ok: false,
      fields: { image: ["The link's preview image is not a PNG, JPEG, WebP or GIF image"] },
    });
    expect((await getPost(postId))!).toMatchObject({ url: withImage.url, imageUrl: withImage.imageUrl });
  });
});
