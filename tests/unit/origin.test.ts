import { afterEach, describe, expect, test, vi } from "vitest";
import { appOrigin, appUrlProblem, safeCallbackPath } from "@/lib/origin";

afterEach(() => vi.unstubAllEnvs());

describe("APP_URL is the one public origin", () => {
  test("set: its origin, without a trailing slash", () => {
    vi.stubEnv("APP_URL", "https://chorus.example.com/");
    expect(appOrigin()).toBe("https://chorus.example.com");
  });

  test("unset in development and tests: localhost on PORT", () => {
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NODE_ENV", "development");
    vi.stubEnv("PORT", "3456");
    expect(appOrigin()).toBe("http://localhost:3456");
    expect(appUrlProblem()).toBeNull();
  });

  test("unset in production: refused, naming the variable", () => {
    vi.stubEnv("APP_URL", "");
    vi.stubEnv("NODE_ENV", "production");
    expect(() => appOrigin()).toThrow(/APP_URL/);
    expect(appUrlProblem()).toMatch(/^APP_URL is not set/);
  });

  test("anything but an http(s) origin is refused", () => {
    for (const value of ["chorus.example.com", "ftp://chorus.example.com", "https://chorus.example.com/app"])
      expect(appUrlProblem({ APP_URL: value, NODE_ENV: "production" }), value).toMatch(/APP_URL must be an origin/);
    expect(appUrlProblem({ APP_URL: "http://localhost:3000", NODE_ENV: "production" })).toBeNull();
  });
});

describe("a sign-in's callbackUrl is a path on Chorus, else /feed", () => {
  const origin = "https://chorus.example.com";
  test.each([
    ["/leaderboard?period=week#me", "/leaderboard?period=week#me"],
    ["https://chorus.example.com/library/4", "/library/4"],
    ["/feed/../admin", "/admin"],
  ])("%s → %s", (value, expected) => expect(safeCallbackPath(value, origin)).toBe(expected));

  test.each([
    "javascript:alert(1)",
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "https://chorus.example.com//evil.example",
    "evil.example",
    "http://chorus.example.com/",
    "/feed\u0000",
    "",
  ])("%j → /feed", (value) => expect(safeCallbackPath(value, origin)).toBe("/feed"));

  test("not a string → /feed", () => expect(safeCallbackPath(null, origin)).toBe("/feed"));
});
