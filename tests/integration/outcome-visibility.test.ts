import { describe, expect, test, vi } from "vitest";
import type { SessionUser } from "@/lib/auth";
import { showsInfluenced } from "@/lib/outcomes/settings";
import { makeUser, ORIGIN, withSettings } from "@/tests/helpers";

// Routes see the signed-in user through currentUser(); the tests say who that is.
const signedIn = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth", async (original) => ({
  ...(await original<typeof import("@/lib/auth")>()),
  currentUser: async () => signedIn.user,
}));

const { GET: exportGet } = await import("@/app/api/export/[table]/route");

async function leaderboardCsvHeader(): Promise<string> {
  const response = await exportGet(new Request(`${ORIGIN}/api/export/leaderboard?period=all`), {
    params: Promise.resolve({ table: "leaderboard" }),
  });
  expect(response.status).toBe(200);
  return (await response.text()).replace(/^\uFEFF/, "").split(/\r?\n/)[0]!;
}

describe("the Influenced column, as the admin chooses", () => {
  test("everyone, leaders only, or nobody", () => {
    const advocate = ["advocate"] as const;
    const leader = ["advocate", "leader"] as const;
    const admin = ["advocate", "admin"] as const;
    expect([advocate, leader, admin].map((roles) => showsInfluenced("everyone", roles))).toEqual([true, true, true]);
    expect([advocate, leader, admin].map((roles) => showsInfluenced("leaders", roles))).toEqual([false, true, true]);
    expect([advocate, leader, admin].map((roles) => showsInfluenced("off", roles))).toEqual([false, false, false]);
  });

  test("the leaderboard CSV carries the column only when the admin shows it to the one downloading", async () => {
    signedIn.user = await makeUser(["advocate", "leader"]);
    await withSettings({ influencedColumn: "leaders" }, async () => {
      expect(await leaderboardCsvHeader()).toBe(
        "Rank,Advocate,Team,Shares,Counted clicks,Influenced,Reshares,Points,Score",
      );
    });
    await withSettings({ influencedColumn: "off" }, async () => {
      expect(await leaderboardCsvHeader()).toBe("Rank,Advocate,Team,Shares,Counted clicks,Reshares,Points,Score");
    });
  });
});
