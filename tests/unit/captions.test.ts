import { describe, expect, test } from "vitest";
import { enforceCaption, findBlockedWord, foldForMatching, withDisclosure } from "@/lib/content/captions";
import { DomainError } from "@/lib/errors";

const post = {
  commentary: "Our results are in",
  commentaryLinkedin: null,
  commentaryX: null,
  commentaryFacebook: null,
  hashtags: ["news"],
  captionLocked: false,
};

describe("blocked words", () => {
  test("match whole words, whatever the case", () => {
    expect(findBlockedWord("Returns are GUARANTEED!", ["guaranteed"])).toBe("guaranteed");
    expect(findBlockedWord("A guaranteedly odd word", ["guaranteed"])).toBeNull();
    expect(findBlockedWord("#guaranteed returns", ["guaranteed"])).toBe("guaranteed");
  });

  test("phrases match across any whitespace, and only whole", () => {
    expect(findBlockedWord("No\u00a0 risk at all", ["no risk"])).toBe("no risk");
    expect(findBlockedWord("Know risk", ["no risk"])).toBeNull();
  });

  test("look-alike letters, full-width forms and invisible characters do not evade the list", () => {
    expect(findBlockedWord("guаranteed (Cyrillic а)", ["guaranteed"])).toBe("guaranteed");
    expect(findBlockedWord("ｇｕａｒａｎｔｅｅｄ", ["guaranteed"])).toBe("guaranteed");
    expect(findBlockedWord("guar\u200banteed", ["guaranteed"])).toBe("guaranteed");
    expect(findBlockedWord("𝐠𝐮𝐚𝐫𝐚𝐧𝐭𝐞𝐞𝐝", ["guaranteed"])).toBe("guaranteed");
    expect(foldForMatching("Straße")).toBe("strasse");
  });

  test("words in other scripts are whole words too; unspaced scripts match anywhere", () => {
    expect(findBlockedWord("Das ist garantiert schön", ["garantiert"])).toBe("garantiert");
    expect(findBlockedWord("Доход гарантирован", ["гарантирован"])).toBe("гарантирован");
    expect(findBlockedWord("Доход гарантированный", ["гарантирован"])).toBeNull();
    expect(findBlockedWord("利益保証します", ["保証"])).toBe("保証");
  });
});

describe("disclosure", () => {
  test("is appended once, and kept where the advocate moved it", () => {
    expect(withDisclosure("Read this", "#employee")).toBe("Read this #employee");
    expect(withDisclosure("#Employee here: read this", "#employee")).toBe("#Employee here: read this");
    expect(withDisclosure("Read this", "")).toBe("Read this");
  });
});

describe("enforceCaption", () => {
  const rules = { blockedWords: ["guaranteed"], disclosure: "#employee" };
  test("an edited caption without the disclosure gets it back", () => {
    expect(enforceCaption(post, "linkedin", "My own words", rules)).toBe("My own words #employee");
  });
  test("no caption sent: the pre-filled one, disclosure included", () => {
    expect(enforceCaption(post, "linkedin", undefined, rules)).toBe("Our results are in #news #employee");
  });
  test("a blocked word is refused with a field error naming it", () => {
    const error = (() => {
      try {
        enforceCaption(post, "linkedin", "Returns guaranteed", rules);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields?.caption?.[0]).toContain("guaranteed");
  });
  test("a locked caption refuses edits but accepts itself", () => {
    const locked = { ...post, captionLocked: true };
    expect(() => enforceCaption(locked, "x", "Something else", rules)).toThrow(/locked/);
    expect(enforceCaption(locked, "x", "Our results are in #news #employee", rules)).toBe(
      "Our results are in #news #employee",
    );
    expect(enforceCaption(locked, "x", "Our results are in #news", rules)).toBe("Our results are in #news #employee");
  });
});
