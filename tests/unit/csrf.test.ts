import { describe, expect, test } from "vitest";
import { crossSiteRefusal } from "@/lib/csrf";

const APP = "https://chorus.example.com";
const refused = (method: string, url: string, headers: { origin?: string; referer?: string }) =>
  crossSiteRefusal(method, url, headers, APP) !== null;

describe("state-changing requests must come from Chorus's own origin", () => {
  test("same origin, by Origin or (without one) by Referer, passes", () => {
    expect(refused("POST", "/api/admin/invitations", { origin: APP })).toBe(false);
    expect(refused("PATCH", "/api/admin/users/u1", { referer: `${APP}/admin/users?q=x` })).toBe(false);
    expect(refused("POST", "/admin/users", { origin: APP, referer: "https://elsewhere.example/" })).toBe(false);
  });

  test("another origin, even of the same site, is refused; so is a request that names none", () => {
    expect(refused("POST", "/api/admin/invitations", { origin: "https://evil.chorus.example.com" })).toBe(true);
    expect(refused("POST", "/api/admin/invitations", { origin: "http://chorus.example.com" })).toBe(true);
    expect(refused("DELETE", "/api/admin/teams", { origin: "null" })).toBe(true);
    expect(refused("PUT", "/api/admin/integrations", { referer: "https://evil.example/page" })).toBe(true);
    expect(refused("POST", "/admin/users", { origin: "https://evil.example", referer: `${APP}/admin/users` })).toBe(
      true,
    );
    expect(refused("POST", "/api/share", {})).toBe(true);
    expect(refused("POST", "/api/share", { referer: "not a url" })).toBe(true);
    expect(crossSiteRefusal("POST", "/api/share", {}, APP)).toMatch(/no Origin or Referer/);
  });

  test("reading is never refused", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(refused(method, "/api/admin/users", {})).toBe(false);
  });

  test("Auth.js, the signed webhook, the embed endpoint and the token API are exempt, and only they", () => {
    const foreign = { origin: "https://evil.example" };
    for (const url of ["/api/auth/signin/email", "/api/events", "/api/embed/links", "/api/v1/posts?x=1"])
      expect(refused("POST", url, foreign)).toBe(false);
    for (const url of [
      "/api/v1/../admin/invitations",
      "/api/v1/%2e%2e/admin/invitations",
      "/api/eventsx",
      "/api/authx/signin",
      "//api/v1/posts",
      "/api/v1\\..\\admin\\invitations",
    ])
      expect(refused("POST", url, foreign), url).toBe(true);
  });
});
