import { readdirSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { ROUTE_METHODS } from "@/lib/api/methods";

// Every route file of the app, found on disk, so a new route without its 405s fails here.
const routes = (readdirSync("app", { recursive: true }) as string[])
  .filter((file) => file.endsWith("route.ts"))
  .map((file) => `app/${file}`);

describe("unsupported methods answer a JSON 405 with Allow", () => {
  test("there are routes to check", () => {
    expect(routes.length).toBeGreaterThan(20);
  });

  test.each(routes)("%s exports a handler for every method", async (file) => {
    const route = (await import(`@/${file}`)) as Record<string, unknown>;
    for (const method of ROUTE_METHODS) expect(typeof route[method], `${file} ${method}`).toBe("function");
  });

  test.each([
    ["app/api/v1/posts/route.ts", "PUT", "GET, POST, HEAD, OPTIONS"],
    ["app/api/v1/posts/route.ts", "PATCH", "GET, POST, HEAD, OPTIONS"],
    ["app/api/v1/posts/route.ts", "DELETE", "GET, POST, HEAD, OPTIONS"],
    ["app/api/v1/me/route.ts", "DELETE", "GET, HEAD, OPTIONS"],
    ["app/api/events/route.ts", "GET", "POST, OPTIONS"],
    ["app/api/admin/users/[id]/route.ts", "GET", "PATCH, OPTIONS"],
    ["app/api/health/route.ts", "POST", "GET, HEAD, OPTIONS"],
  ])("%s %s → 405 JSON, Allow: %s", async (file, method, allow) => {
    const route = (await import(`@/${file}`)) as Record<string, (request: Request) => Promise<Response> | Response>;
    const response = await route[method]!(new Request(`http://chorus.test/x`, { method }));
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe(allow);
    expect(await response.json()).toEqual({
      error: { code: "method_not_allowed", message: `This address answers ${allow} only.` },
    });
  });

  test("an unknown path under /api/v1, and /api/v1 itself, is a JSON 404 for every method", async () => {
    const route = (await import("@/app/api/v1/[[...path]]/route")) as unknown as Record<string, () => Response>;
    for (const method of ROUTE_METHODS) {
      const response = route[method]!();
      expect(response.status).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });
});
