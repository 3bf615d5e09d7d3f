import { describe, expect, test } from "vitest";
import { z } from "zod";
import { tokenInput } from "@/lib/api/tokens";
import { decodeCursor, encodeCursor, leaderboardCursor } from "@/lib/api/v1";
import { apiPostInput, pageQuery } from "@/lib/api/schemas";

describe("cursors", () => {
  const postKey = z.tuple([z.string(), z.number().int().positive()]);

  test("round-trip the sort key and are opaque URL-safe text", () => {
    const cursor = encodeCursor(["2026-01-02 03:04:05.123456+00", 42]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(postKey, cursor)).toEqual(["2026-01-02 03:04:05.123456+00", 42]);
    expect(decodeCursor(postKey, undefined)).toBeUndefined();
  });

  test.each(["", "%%%", "bm90IGpzb24", encodeCursor(["x"]), encodeCursor(["x", -1]), encodeCursor([1, 2])])(
    "a malformed cursor (%s) is a 400, not a crash",
    (cursor) => {
      expect(() => decodeCursor(postKey, cursor)).toThrowError(expect.objectContaining({ code: "invalid" }));
    },
  );

  test("leaderboard cursors carry page, page size, days and team within bounds", () => {
    expect(decodeCursor(leaderboardCursor, encodeCursor([3, 25, null, null, null]))).toEqual([3, 25, null, null, null]);
    expect(decodeCursor(leaderboardCursor, encodeCursor([2, 10, "2026-01-01", "2026-03-31", 7]))).toEqual([
      2,
      10,
      "2026-01-01",
      "2026-03-31",
      7,
    ]);
    expect(() => decodeCursor(leaderboardCursor, encodeCursor([1, 500, null, null, null]))).toThrow();
    expect(() => decodeCursor(leaderboardCursor, encodeCursor([1, 5, "yesterday", null, null]))).toThrow();
  });
});

describe("input schemas", () => {
  test("page query: limit defaults to 20 and stays within 1–100", () => {
    expect(pageQuery.parse({})).toEqual({ limit: 20 });
    expect(pageQuery.parse({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
    for (const limit of ["0", "101", "1.5", "x"]) expect(pageQuery.safeParse({ limit }).success).toBe(false);
  });

  test("a new post from the API: hashtags normalised and deduplicated, URL checked", () => {
    expect(
      apiPostInput.parse({ title: " Hi ", url: "https://Example.com/a", hashtags: ["#News", "news", "Cloud"] }),
    ).toEqual({
      title: "Hi",
      url: "https://example.com/a",
      commentary: "",
      hashtags: ["news", "cloud"],
    });
    expect(apiPostInput.safeParse({ title: "x", url: "javascript:alert(1)" }).success).toBe(false);
    expect(apiPostInput.safeParse({ title: "x", url: "https://example.com", hashtags: "news" }).success).toBe(false);
  });

  test("the token form: a checkbox for read-only, a fixed list of expiries", () => {
    expect(tokenInput.parse({ name: " CI ", readOnly: "on", expiresInDays: "30" })).toEqual({
      name: "CI",
      readOnly: true,
      expiresInDays: "30",
    });
    expect(tokenInput.parse({ name: "CI" })).toEqual({ name: "CI", readOnly: false, expiresInDays: "90" });
    expect(tokenInput.safeParse({ name: "CI", expiresInDays: "5" }).success).toBe(false);
    expect(tokenInput.safeParse({ name: "  " }).success).toBe(false);
  });
});
