import { describe, expect, test } from "vitest";
import { can, PERMISSIONS, type Permission } from "@/lib/permissions";

const ALL = PERMISSIONS.map((p) => p.action) as Permission[];

describe("can", () => {
  test("an advocate may read the feed, share and see the leaderboard", () => {
    for (const action of ["feed.read", "posts.share", "leaderboard.read"] as const)
      expect(can(["advocate"], action)).toBe(true);
  });

  test.each(["posts.write", "posts.review", "dashboard.read", "library.read", "admin.manage"] as const)(
    "an advocate may not %s",
    (action) => {
      expect(can(["advocate"], action)).toBe(false);
    },
  );

  test("a curator may write posts but not review them", () => {
    expect(can(["advocate", "curator"], "posts.write")).toBe(true);
    expect(can(["advocate", "curator"], "posts.review")).toBe(false);
    expect(can(["advocate", "curator"], "admin.manage")).toBe(false);
  });

  test("an approver may review posts but not write them", () => {
    expect(can(["advocate", "approver"], "posts.review")).toBe(true);
    expect(can(["advocate", "approver"], "posts.write")).toBe(false);
  });

  test("a leader may read the dashboard but not write or review posts", () => {
    expect(can(["advocate", "leader"], "dashboard.read")).toBe(true);
    expect(can(["advocate", "leader"], "posts.write")).toBe(false);
    expect(can(["advocate", "leader"], "posts.review")).toBe(false);
  });

  test("an admin may do everything", () => {
    for (const action of ALL) expect(can(["admin"], action)).toBe(true);
  });

  test("roles add up: curator + approver may both write and review", () => {
    expect(can(["curator", "approver"], "posts.write")).toBe(true);
    expect(can(["curator", "approver"], "posts.review")).toBe(true);
  });

  test("no roles, or no session, may do nothing", () => {
    for (const action of ALL) {
      expect(can([], action)).toBe(false);
      expect(can(undefined, action)).toBe(false);
    }
  });

  test("an unknown action is refused even to an admin", () => {
    expect(can(["admin"], "posts.delete" as Permission)).toBe(false);
  });
});
