import { describe, expect, test } from "vitest";
import { composeCaption, shareIntentUrl, X_LIMIT, X_LINK_LENGTH, xLength } from "@/lib/share-intents";

describe("composeCaption", () => {
  test("appends the post's hashtags after the commentary", () => {
    expect(composeCaption("Our new report is out.", ["cloud", "ai"])).toBe("Our new report is out. #cloud #ai");
  });

  test("does not repeat a hashtag the commentary already has, whatever its case", () => {
    expect(composeCaption("Big news for #Cloud teams", ["cloud", "ai"])).toBe("Big news for #Cloud teams #ai");
  });

  test("a longer tag in the text does not stand in for a shorter one", () => {
    expect(composeCaption("#cloudnative is here", ["cloud"])).toBe("#cloudnative is here #cloud");
  });

  test("empty commentary gives just the hashtags, and no hashtags gives just the trimmed commentary", () => {
    expect(composeCaption("", ["news"])).toBe("#news");
    expect(composeCaption("  Hello  ", [])).toBe("Hello");
  });
});

describe("xLength", () => {
  test("counts the text, a space and the shared link as 23", () => {
    expect(X_LINK_LENGTH).toBe(23);
    expect(xLength("Hello")).toBe(5 + 1 + 23);
  });

  test("counts any link inside the text as 23, however long it is", () => {
    const long = `https://example.com/${"a".repeat(200)}`;
    expect(xLength(`Read ${long}`)).toBe("Read ".length + 23 + 1 + 23);
    expect(xLength("Read https://t.co/x")).toBe(xLength(`Read ${long}`));
  });

  test("with no text only the link counts", () => {
    expect(xLength("")).toBe(23);
  });

  test("a post of 256 characters plus the link is exactly at X's limit", () => {
    expect(X_LIMIT).toBe(280);
    expect(xLength("a".repeat(256))).toBe(280);
    expect(xLength("a".repeat(257))).toBe(281);
  });
});

describe("shareIntentUrl", () => {
  const link = "https://chorus.test/s/Ab3dEf9h";
  const text = "Worth a read #cloud";
  const title = "Quarterly report";

  test("LinkedIn's share page gets the text followed by the link", () => {
    const url = new URL(shareIntentUrl("linkedin", link, text, title)!);
    expect(url.origin + url.pathname).toBe("https://www.linkedin.com/feed/");
    expect(url.searchParams.get("shareActive")).toBe("true");
    expect(url.searchParams.get("text")).toBe(`${text}\n\n${link}`);
  });

  test("X's intent gets the text and the link as separate parameters", () => {
    const url = new URL(shareIntentUrl("x", link, text, title)!);
    expect(url.origin + url.pathname).toBe("https://x.com/intent/post");
    expect(url.searchParams.get("text")).toBe(text);
    expect(url.searchParams.get("url")).toBe(link);
  });

  test("Facebook's sharer carries only the link, never the advocate's text", () => {
    const intent = shareIntentUrl("facebook", link, text, title)!;
    const url = new URL(intent);
    expect(url.origin + url.pathname).toBe("https://www.facebook.com/sharer/sharer.php");
    expect([...url.searchParams.keys()]).toEqual(["u"]);
    expect(url.searchParams.get("u")).toBe(link);
    expect(decodeURIComponent(intent)).not.toContain("Worth a read");
  });

  test("email opens a mail with the title as subject and spaces encoded as %20, not +", () => {
    const intent = shareIntentUrl("email", link, text, title)!;
    expect(intent.startsWith("mailto:?")).toBe(true);
    expect(intent).not.toContain("+");
    const params = new URLSearchParams(intent.slice("mailto:?".length));
    expect(params.get("subject")).toBe(title);
    expect(params.get("body")).toBe(`${text}\n\n${link}`);
  });

  test("a literal + in the text survives the email encoding", () => {
    const intent = shareIntentUrl("email", link, "1+1 offers", title)!;
    expect(new URLSearchParams(intent.slice("mailto:?".length)).get("body")).toBe(`1+1 offers\n\n${link}`);
  });

  test("copy has no share page", () => {
    expect(shareIntentUrl("copy", link, text, title)).toBeNull();
  });
});
