import { describe, expect, test } from "vitest";
import { z } from "zod";
import { calendarDay, emailAddress, hashtagName, normalizeHashtag, postInput, targetUrl, text } from "@/lib/validation";

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
      language: "en",
      variants: {},
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

describe("the boundary rule for text, dates and ids", () => {
  const post = { title: "A post", url: "https://example.com" };
  const errorsOf = (input: Record<string, unknown>) =>
    z.flattenError(postInput.safeParse({ ...post, ...input }).error!).fieldErrors as Record<string, string[]>;

  test.each([
    ["NUL in a title", { title: "Hi\u0000there" }, "title"],
    ["a bell in a title", { title: "Hi\u0007" }, "title"],
    ["a line break in a title", { title: "Hi\nthere" }, "title"],
    ["NUL in the commentary", { commentary: "Read\u0000this" }, "commentary"],
    ["an escape in the X text", { commentaryX: "x\u001b[31m" }, "commentaryX"],
    ["a lone surrogate in the commentary", { commentary: "broken \ud800 text" }, "commentary"],
    ["NUL in the hashtags", { hashtags: "news\u0000" }, "hashtags"],
    ["a team id past Postgres' integer", { audience: "teams", teamIds: ["2147483648"] }, "teamIds"],
    ["a year Postgres cannot store", { publishAt: "+275760-09-13T00:00:00.000Z" }, "publishAt"],
    ["30 February", { publishAt: "2026-02-30" }, "publishAt"],
    ["30 February with a time", { expireAt: "2026-02-30T10:00:00Z" }, "expireAt"],
    ["hour 24", { publishAt: "2026-03-01T24:00:00Z" }, "publishAt"],
    ["a year before 2000", { publishAt: "1999-12-31T00:00:00Z" }, "publishAt"],
    ["a year past 2100", { expireAt: "2101-01-01" }, "expireAt"],
    ["words", { publishAt: "next tuesday" }, "publishAt"],
  ])("refuses %s as a field error", (_name, input, field) => {
    expect(errorsOf(input)[field]?.length).toBeGreaterThan(0);
  });

  test("keeps tabs and line breaks in multi-line text, trimmed", () => {
    expect(postInput.parse({ ...post, commentary: "  one\n\ttwo\r\n  " }).commentary).toBe("one\n\ttwo");
  });

  test("reads real dates with and without a time or offset", () => {
    const parsed = postInput.parse({ ...post, publishAt: "2026-05-01T09:30:00+02:00", expireAt: "2028-02-29" });
    expect(parsed.publishAt?.toISOString()).toBe("2026-05-01T07:30:00.000Z");
    expect(parsed.expireAt?.toISOString()).toBe("2028-02-29T00:00:00.000Z");
  });

  test("text() names the problem and caps the length", () => {
    expect(text(5, { label: "The name" }).safeParse("a\u0000b").error?.issues[0]?.message).toMatch(
      /^The name contains a control character/,
    );
    expect(text(5, { label: "The name" }).safeParse("abcdef").error?.issues[0]?.message).toBe(
      "The name is at most 5 characters",
    );
    expect(text(5, { required: "Say something" }).safeParse("   ").error?.issues[0]?.message).toBe("Say something");
  });

  test("email addresses are at most 254 characters", () => {
    const long = `${"a".repeat(64)}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(60)}.com`;
    expect(long.length).toBeGreaterThan(254);
    expect(emailAddress("Enter an email").safeParse(long).success).toBe(false);
    expect(emailAddress("Enter an email").parse(" Someone@Example.COM ")).toBe("someone@example.com");
  });

  test("calendar days are real days between 2000 and 2100", () => {
    expect(calendarDay.safeParse("2026-02-28").success).toBe(true);
    for (const day of ["2026-02-30", "2026-13-01", "1999-12-31", "2101-01-01", "2026-2-3", "+275760-09-13"])
      expect(calendarDay.safeParse(day).success, day).toBe(false);
  });
});
