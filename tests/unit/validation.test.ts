import { describe, expect, test } from "vitest";
import { z } from "zod";
import { hashtagName, normalizeHashtag, postInput, targetUrl } from "@/lib/validation";

describe("targetUrl", () => {
  test.each([
    "javascript:alert(1)",
    "ftp://example.com/file.pdf",
    "data:text/html,hi",
    "mailto:a@example.com",
    "not a url",
    "example.com/no-scheme",
  ])("refuses %j", (value) => {
    const result = targetUrl.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a full http:// or https:// link");
  });

  test("refuses an empty link with its own message", () => {
    expect(targetUrl.safeParse("   ").error?.issues[0]?.message).toBe("Enter the link to share");
  });

  test("refuses links over 2,000 characters", () => {
    expect(targetUrl.safeParse(`https://example.com/${"a".repeat(2000)}`).success).toBe(false);
  });

  test("normalises scheme and host case and drops the default port, keeping path case and the query", () => {
    expect(targetUrl.parse("  HTTPS://Example.COM:443/Path/To?Q=1&b=2  ")).toBe("https://example.com/Path/To?Q=1&b=2");
  });

  test("accepts plain http", () => {
    expect(targetUrl.parse("http://example.com")).toBe("http://example.com/");
  });
});

describe("hashtags", () => {
  test("'#Cloud', 'cloud' and 'CLOUD' normalise to the same hashtag", () => {
    expect(normalizeHashtag("#Cloud")).toBe("cloud");
    expect(hashtagName.parse("#Cloud")).toBe("cloud");
    expect(hashtagName.parse("CLOUD")).toBe("cloud");
    expect(hashtagName.parse("  ##AI ")).toBe("ai");
  });

  test("accepts letters of any script, digits and underscore", () => {
    expect(hashtagName.parse("#Café_2025")).toBe("café_2025");
  });

  test.each(["a-b", "two words", "#", "", "a".repeat(51), "c++"])("refuses %j", (value) => {
    expect(hashtagName.safeParse(value).success).toBe(false);
  });
});

describe("postInput", () => {
  const valid = {
    title: "Quarterly report",
    url: "https://example.com/q3",
    commentary: "Read it",
    hashtags: "#Cloud, cloud AI",
  };

  test("a complete post parses, with hashtags split, normalised and de-duplicated", () => {
    expect(postInput.parse(valid)).toEqual({
      title: "Quarterly report",
      url: "https://example.com/q3",
      commentary: "Read it",
      hashtags: ["cloud", "ai"],
      commentaryLinkedin: null,
      commentaryX: null,
      commentaryFacebook: null,
      campaignId: null,
      audience: "all",
      teamIds: [],
      publishAt: null,
      expireAt: null,
      captionLocked: false,
    });
  });

  test("a missing title is a field error on title", () => {
    const { title: _title, ...withoutTitle } = valid;
    const result = postInput.safeParse(withoutTitle);
    expect(result.success).toBe(false);
    const fields = z.flattenError(result.error!).fieldErrors;
    expect(fields.title?.length).toBe(1);
    expect(fields.url).toBeUndefined();
  });

  test("a blank title says to give the post a title", () => {
    const result = postInput.safeParse({ ...valid, title: "   " });
    expect(z.flattenError(result.error!).fieldErrors.title).toEqual(["Give the post a title"]);
  });

  test("each bad field gets its own error", () => {
    const result = postInput.safeParse({ title: "", url: "javascript:alert(1)", hashtags: "ok a-b" });
    const fields = z.flattenError(result.error!).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["hashtags", "title", "url"]);
  });

  test("more than ten hashtags are refused", () => {
    const hashtags = Array.from({ length: 11 }, (_, i) => `tag${i}`).join(" ");
    expect(postInput.safeParse({ ...valid, hashtags }).success).toBe(false);
  });

  test("commentary and hashtags may be left out", () => {
    expect(postInput.parse({ title: "T", url: "https://example.com" })).toMatchObject({
      title: "T",
      url: "https://example.com/",
      commentary: "",
      hashtags: [],
      commentaryX: null,
      publishAt: null,
    });
  });

  test("an X variant over 280 characters (links counted as 23) is a field error on commentaryX", () => {
    const result = postInput.safeParse({ ...valid, commentaryX: "x".repeat(257) });
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors.commentaryX?.[0]).toContain("Too long for X");
    expect(postInput.safeParse({ ...valid, commentaryX: "x".repeat(256) }).success).toBe(true);
  });

  test("expire-at must come after publish-at", () => {
    const result = postInput.safeParse({
      ...valid,
      publishAt: "2026-12-01T09:00:00Z",
      expireAt: "2026-11-30T09:00:00Z",
    });
    expect(z.flattenError(result.error!).fieldErrors.expireAt).toEqual(["The post must expire after it is published"]);
    expect(postInput.parse({ ...valid, publishAt: "2026-12-01T09:00:00+01:00" }).publishAt?.toISOString()).toBe(
      "2026-12-01T08:00:00.000Z",
    );
  });

  test("a team audience needs at least one team", () => {
    const result = postInput.safeParse({ ...valid, audience: "teams" });
    expect(z.flattenError(result.error!).fieldErrors.teamIds).toEqual([
      "Choose at least one team, or share with everyone",
    ]);
    expect(postInput.parse({ ...valid, audience: "teams", teamIds: ["3", "5"] }).teamIds).toEqual([3, 5]);
  });
});
