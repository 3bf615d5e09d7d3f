import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { STATE, uniq } from "./support";

test.use({ storageState: STATE.curator });

/** A real PNG of noise (noise does not compress), about `bytes` long: what a photo from a phone weighs. */
function noisePng(bytes: number): Buffer {
  const width = 1000;
  const height = Math.ceil(bytes / (width * 3 + 1));
  const rows = Buffer.alloc(height * (width * 3 + 1));
  for (let y = 0; y < height; y++) randomBytes(width * 3).copy(rows, y * (width * 3 + 1) + 1);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 0 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

test("a 1.5 MB photo uploads and shows on the post", async ({ page }) => {
  const png = noisePng(1.5 * 1024 * 1024);
  expect(png.length).toBeGreaterThan(1.4 * 1024 * 1024);
  const title = `Big photo ${uniq()}`;
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Link to share").fill("https://example.com/big-photo");
  await page
    .getByLabel("Image", { exact: true })
    .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  await expect(page.getByTestId("post-title")).toHaveText(title);
  const image = page.getByTestId("preview").locator("img");
  await expect(image).toHaveAttribute("src", /^\/uploads\/[0-9a-f-]{36}\.png$/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1000);
  const stored = await page.request.get((await image.getAttribute("src"))!);
  expect((await stored.body()).length).toBe(png.length);
});

test("a 6 MB file is a field error before anything is sent, and the typed title stays", async ({ page }) => {
  const title = `Too big ${uniq()}`;
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Link to share").fill("https://example.com/too-big");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page
    .getByLabel("Image", { exact: true })
    .setInputFiles({ name: "huge.png", mimeType: "image/png", buffer: noisePng(6 * 1024 * 1024) });
  await expect(
    page.getByRole("alert").filter({ hasText: "Images are at most 5 MB; this one is 6.0 MB" }),
  ).toBeVisible();
  await expect(page.getByLabel("Image", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  expect(posts).toEqual([]);
});
