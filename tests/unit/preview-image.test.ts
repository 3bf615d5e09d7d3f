import { describe, expect, test } from "vitest";
import { findPreviewImage } from "@/lib/preview-image";

const at = new URL("https://example.com/blog/post?id=1");
const find = (head: string) =>
  findPreviewImage(`<!doctype html><html><head>${head}</head><body></body></html>`, at)?.href ?? null;

describe("finding a page's preview image", () => {
  test("og:image in any spelling comes before twitter:image", () => {
    expect(find(`<meta name="twitter:image" content="/t.png"><meta property="og:image" content="/og.png">`)).toBe(
      "https://example.com/og.png",
    );
    expect(find(`<meta property="OG:Image" content="/og.png">`)).toBe("https://example.com/og.png");
    expect(find(`<meta property="og:image:secure_url" content="https://cdn.example.com/og.png">`)).toBe(
      "https://cdn.example.com/og.png",
    );
    expect(find(`<meta name="twitter:image" content="/t.png">`)).toBe("https://example.com/t.png");
  });

  test("relative URLs resolve against the page, or its <base href>; entities are decoded", () => {
    expect(find(`<meta property="og:image" content="img/a.png?w=1&amp;h=2">`)).toBe(
      "https://example.com/blog/img/a.png?w=1&h=2",
    );
    expect(find(`<base href="https://static.example.com/assets/"><meta property="og:image" content="a.png">`)).toBe(
      "https://static.example.com/assets/a.png",
    );
  });

  test("no tag, an empty one, or one in the body's text is no image", () => {
    expect(find(`<meta property="og:title" content="Title">`)).toBeNull();
    expect(find(`<meta property="og:image" content="  ">`)).toBeNull();
    expect(findPreviewImage(`<p>&lt;meta property="og:image" content="/x.png"&gt;</p>`, at)).toBeNull();
  });
});
