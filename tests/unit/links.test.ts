import { describe, expect, test } from "vitest";
import { buildTargetUrl, LINK_CODE, newLinkCode, shortUrl } from "@/lib/links";

describe("buildTargetUrl", () => {
  test("adds source, medium and content tags for the network and code", () => {
    const url = new URL(buildTargetUrl("https://example.com/article", { network: "linkedin", code: "Ab3dEf9h" }));
    expect(url.origin + url.pathname).toBe("https://example.com/article");
    expect(url.searchParams.get("utm_source")).toBe("linkedin");
    expect(url.searchParams.get("utm_medium")).toBe("employee_advocacy");
    expect(url.searchParams.get("utm_content")).toBe("Ab3dEf9h");
    expect(url.searchParams.has("utm_campaign")).toBe(false);
  });

  test("keeps the curator's other query parameters and the fragment", () => {
    const url = new URL(
      buildTargetUrl("https://example.com/a?ref=newsletter&id=42#pricing", { network: "x", code: "Zz99Zz99" }),
    );
    expect(url.searchParams.get("ref")).toBe("newsletter");
    expect(url.searchParams.get("id")).toBe("42");
    expect(url.hash).toBe("#pricing");
    expect(url.searchParams.get("utm_source")).toBe("x");
  });

  test("a utm_campaign already in the URL stays when the post has no campaign", () => {
    const url = new URL(
      buildTargetUrl("https://example.com/?utm_campaign=spring", {
        network: "email",
        code: "code0001",
        campaignSlug: null,
      }),
    );
    expect(url.searchParams.getAll("utm_campaign")).toEqual(["spring"]);
  });

  test("the post's campaign replaces a utm_campaign already in the URL", () => {
    const url = new URL(
      buildTargetUrl("https://example.com/?utm_campaign=spring", {
        network: "email",
        code: "code0001",
        campaignSlug: "launch-2025",
      }),
    );
    expect(url.searchParams.getAll("utm_campaign")).toEqual(["launch-2025"]);
  });

  test("the network's source and the link's code win over tags the URL already had, once each", () => {
    const url = new URL(
      buildTargetUrl("https://example.com/?utm_source=twitter&utm_content=old", {
        network: "facebook",
        code: "NewCode1",
      }),
    );
    expect(url.searchParams.getAll("utm_source")).toEqual(["facebook"]);
    expect(url.searchParams.getAll("utm_content")).toEqual(["NewCode1"]);
  });
});

describe("buildTargetUrl keeps the curator's query as typed", () => {
  test("valueless flags, encodings and repeated keys are not rewritten", () => {
    const url = buildTargetUrl("https://example.com/p?flag&q=a%20b&tag=1&tag=2", { network: "x", code: "AbCd1234" });
    expect(url).toBe(
      "https://example.com/p?flag&q=a%20b&tag=1&tag=2&utm_source=x&utm_medium=employee_advocacy&utm_content=AbCd1234",
    );
  });
});

describe("link codes", () => {
  test("newLinkCode makes 8-character base62 codes that the redirect accepts", () => {
    for (let i = 0; i < 200; i++) {
      const code = newLinkCode();
      expect(code).toMatch(/^[0-9A-Za-z]{8}$/);
      expect(LINK_CODE.test(code)).toBe(true);
    }
  });

  test("codes do not repeat across a thousand draws", () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newLinkCode()));
    expect(codes.size).toBe(1000);
  });

  test("LINK_CODE refuses paths, punctuation and out-of-range lengths", () => {
    for (const bad of ["abc", "a".repeat(17), "../etc", "abc-defg", "abcd efg", ""])
      expect(LINK_CODE.test(bad)).toBe(false);
  });

  test("shortUrl puts the code under /s/ on the origin, with or without a trailing slash", () => {
    expect(shortUrl("https://chorus.example", "Ab3dEf9h")).toBe("https://chorus.example/s/Ab3dEf9h");
    expect(shortUrl("https://chorus.example/", "Ab3dEf9h")).toBe("https://chorus.example/s/Ab3dEf9h");
  });
});
