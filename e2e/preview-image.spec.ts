import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { STATE, uniq } from "./support";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);

// The company's blog, on this machine (the e2e server lets the fetcher reach 127.0.0.1: scripts/e2e-server.ts).
const blog = createServer((req, res) => {
  if (req.url === "/articles/launch") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    return res.end(
      `<!doctype html><html><head><title>Launch</title><meta property="og:image" content="../images/cover.png"></head><body><h1>We launched</h1></body></html>`,
    );
  }
  if (req.url === "/articles/plain") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    return res.end(
      `<!doctype html><html><head><title>Plain</title></head><body><h1>No picture here</h1></body></html>`,
    );
  }
  if (req.url === "/images/cover.png") return res.writeHead(200, { "Content-Type": "image/png" }).end(PNG);
  res.writeHead(404).end();
});
let blogOrigin: string;

test.beforeAll(async () => {
  await new Promise<void>((resolve) => blog.listen(0, "127.0.0.1", resolve));
  blogOrigin = `http://127.0.0.1:${(blog.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  blog.closeAllConnections();
  await new Promise((resolve) => blog.close(resolve));
});

test("a curator takes a post's image from the link's preview image", async ({ browser }) => {
  const title = `Launch post ${uniq()}`;
  const context = await browser.newContext({ storageState: STATE.curator });
  const page = await context.newPage();
  await page.goto("/library/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Hashtags").fill("news");

  // A page without a preview image: the save is refused next to the image control, and nothing is saved.
  await page.getByLabel("Link to share").fill(`${blogOrigin}/articles/plain`);
  await page.getByLabel("Use the link's preview image").check();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("The link's page has no preview image (og:image or twitter:image)")).toBeVisible();
  await expect(page).toHaveURL(/\/library\/new$/);

  // The right article: its og:image is fetched on save and stored like an upload.
  await page.getByLabel("Link to share").fill(`${blogOrigin}/articles/launch`);
  await expect(page.getByLabel("Use the link's preview image")).toBeChecked();
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/\/library\/\d+\?saved=1$/);
  await expect(page.getByTestId("post-title")).toHaveText(title);
  const image = page.getByTestId("preview").locator("img");
  await expect(image).toHaveAttribute("src", /^\/uploads\/[0-9a-f-]{36}\.png$/);
  const stored = await page.request.get((await image.getAttribute("src"))!);
  expect(stored.headers()["content-type"]).toBe("image/png");
  expect(Buffer.from(await stored.body()).equals(PNG)).toBe(true);
  await context.close();
});
