import { describe, expect, test } from "vitest";
import {
  droppedParams,
  listHref,
  pageBeyondEnd,
  resolveSearch,
  problemsOf,
  resolveCursor,
  resolvePage,
  resolveParam,
  searchParam,
} from "@/lib/filters";
import { containsPattern } from "@/lib/pagination";
import { userListQuery } from "@/lib/users";
import { feedQuery, libraryQuery } from "@/lib/validation";

describe("page numbers from the URL", () => {
  test.each([
    [undefined, 1],
    ["", 1],
    ["1", 1],
    ["7", 7],
    ["100000", 100_000],
  ])("%j is page %i", (raw, page) => {
    expect(resolvePage(raw)).toEqual({ page, problem: null });
  });

  test.each(["0", "-1", "2.5", "abc", "1e9", "100001", "9".repeat(400), "1; drop table users"])(
    "%j is named as a problem, and page 1 is shown",
    (raw) => {
      const { page, problem } = resolvePage(raw);
      expect(page).toBe(1);
      expect(problem).toMatch(/^There is no page “.{1,20}”: pages are numbered from 1\. Showing page 1\.$/);
    },
  );

  test("a page past the end of a list is said in words; an empty list has no such problem", () => {
    expect(pageBeyondEnd(3, 101, 50)).toBeNull();
    expect(pageBeyondEnd(4, 101, 50)).toBe("There is no page 4: this list has 3 pages.");
    expect(pageBeyondEnd(2, 1, 50)).toBe("There is no page 2: this list has 1 page.");
    expect(pageBeyondEnd(9, 0, 50)).toBeNull();
  });
});

describe("other list parameters", () => {
  test("a parameter its schema refuses is dropped and named; absent, blank or repeated ones are not problems", () => {
    const role = userListQuery.shape.role;
    expect(resolveParam("curator", role, (v) => `no role ${v}`)).toEqual({ value: "curator", problem: null });
    expect(resolveParam(["admin", "boss"], role, (v) => `no role ${v}`)).toEqual({ value: "admin", problem: null });
    expect(resolveParam("boss", role, (v) => `no role ${v}`)).toEqual({ value: undefined, problem: "no role boss" });
    expect(resolveParam(undefined, role, () => "never")).toEqual({ value: undefined, problem: null });
    expect(resolveParam("", role, () => "never")).toEqual({ value: undefined, problem: null });
    // The value quoted back is cut short, whatever was sent.
    expect(resolveParam("x".repeat(5000), role, (v) => v)?.problem).toHaveLength(40);
  });

  test("a search is trimmed, blank means none, and a very long one is refused", () => {
    expect(searchParam.parse("  ada  ")).toBe("ada");
    expect(searchParam.parse("   ")).toBeUndefined();
    expect(searchParam.safeParse("a".repeat(201)).success).toBe(false);
  });

  test("a search's own % and _ match literally", () => {
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  test("log cursors: before or after a positive id, never both, junk named", () => {
    expect(resolveCursor({})).toEqual({ cursor: { before: undefined, after: undefined }, problem: null });
    expect(resolveCursor({ before: "40" })).toEqual({ cursor: { before: 40, after: undefined }, problem: null });
    expect(resolveCursor({ after: "12" })).toEqual({ cursor: { before: undefined, after: 12 }, problem: null });
    for (const junk of [{ before: "-3" }, { after: "x" }, { before: "99999999999" }, { before: "1.5" }]) {
      expect(resolveCursor(junk)).toEqual({
        cursor: {},
        problem: "That link to older or newer entries is not valid. Showing the newest.",
      });
    }
    expect(resolveCursor({ before: "4", after: "2" })).toEqual({
      cursor: {},
      problem: "Ask for older or for newer entries, not both. Showing the newest.",
    });
  });

  test("the users API reads every filter at once and refuses bad ones", () => {
    expect(userListQuery.parse({})).toEqual({ page: 1 });
    expect(userListQuery.parse({ q: " nia ", role: "approver", status: "invited", page: "3" })).toEqual({
      q: "nia",
      role: "approver",
      status: "invited",
      page: 3,
    });
    for (const bad of [
      { page: "0" },
      { page: "-2" },
      { page: "two" },
      { role: "boss" },
      { status: "asleep" },
      { q: "q".repeat(201) },
    ]) {
      expect(userListQuery.safeParse(bad).success, JSON.stringify(bad).slice(0, 40)).toBe(false);
    }
  });

  test("list URLs keep only the parameters that are set", () => {
    expect(listHref("/admin/users", { q: "a b&c", role: undefined, status: "", page: 2 })).toBe(
      "/admin/users?q=a+b%26c&page=2",
    );
    expect(listHref("/review", {})).toBe("/review");
  });

  test("problems that were not found are left out", () => {
    expect(problemsOf(null, "one", null, "two")).toEqual(["one", "two"]);
  });
});

describe("filters a list's schema quietly dropped are named", () => {
  test("the feed: a bad page, hashtag, campaign or order each get a sentence; good and absent ones none", () => {
    expect(droppedParams(feedQuery, {})).toEqual([]);
    expect(droppedParams(feedQuery, { page: "2", hashtag: "#Cloud", campaign: "3", order: "most_shared" })).toEqual([]);
    const problems = droppedParams(feedQuery, {
      page: "-4",
      hashtag: "no spaces allowed",
      campaign: "99999999999",
      order: "loudest",
    });
    expect(problems).toEqual(
      ["page=-4", "hashtag=no spaces allowed", "campaign=99999999999", "order=loudest"].map(
        (p) => `“${p}” is not a filter this list understands, so it was left out.`,
      ),
    );
    // The list itself still shows its defaults for them.
    expect(feedQuery.parse({ page: "-4", order: "loudest" })).toMatchObject({ page: 1, order: "newest" });
  });

  test("the library: a bad status or date is named; parameters outside the schema are not its business", () => {
    expect(droppedParams(libraryQuery, { status: "draft", from: "2026-01-01", created: "1" })).toEqual([]);
    expect(droppedParams(libraryQuery, { status: "lost", to: "yesterday" })).toHaveLength(2);
  });
});

test("a search past 200 characters is dropped and said, with what the list shows instead; a blank one is no search", () => {
  expect(resolveSearch("x".repeat(201), "every hashtag")).toEqual({
    value: undefined,
    problem: "Searches are at most 200 characters, on one line: showing every hashtag.",
  });
  expect(resolveSearch(` ${"x".repeat(200)} `, "every hashtag")).toEqual({ value: "x".repeat(200), problem: null });
  expect(resolveSearch("   ", "every hashtag")).toEqual({ value: undefined, problem: null });
});
