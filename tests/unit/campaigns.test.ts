import { describe, expect, test } from "vitest";
import { campaignInput, progressToward } from "@/lib/campaigns";
import { slugify } from "@/lib/slug";

function fieldErrors(input: Record<string, string>) {
  const parsed = campaignInput.safeParse(input);
  return parsed.success ? {} : parsed.error.flatten().fieldErrors;
}

describe("slugify", () => {
  test("suggests a lower-case, hyphenated slug from a name", () => {
    expect(slugify("Spring Launch 2026!")).toBe("spring-launch-2026");
    expect(slugify("  Café — Été  ")).toBe("cafe-ete");
    expect(slugify("a".repeat(80))).toHaveLength(60);
    expect(slugify("***")).toBe("");
  });
});

describe("campaignInput", () => {
  test("an empty slug is suggested from the name; empty dates and goal are null", () => {
    expect(campaignInput.parse({ name: "Spring Launch", slug: "", startsOn: "", endsOn: "", clickGoal: "" })).toEqual({
      name: "Spring Launch",
      slug: "spring-launch",
      startsOn: null,
      endsOn: null,
      clickGoal: null,
    });
    expect(
      campaignInput.parse({
        name: "Q3",
        slug: "q3-push",
        startsOn: "2026-07-01",
        endsOn: "2026-09-30",
        clickGoal: "5000",
      }),
    ).toEqual({ name: "Q3", slug: "q3-push", startsOn: "2026-07-01", endsOn: "2026-09-30", clickGoal: 5000 });
  });

  test("a slug must be lower-case letters, digits and single hyphens", () => {
    for (const slug of ["Spring", "spring_launch", "spring--launch", "-spring", "spring launch", "<script>"]) {
      expect(fieldErrors({ name: "X", slug }).slug, slug).toEqual([
        "Use lower-case letters, digits and single hyphens, e.g. spring-launch",
      ]);
    }
    expect(fieldErrors({ name: "***" }).slug).toEqual(["Enter a slug: lower-case letters, digits and hyphens"]);
  });

  test("the name is required; dates must be real days and the end after the start; the goal a positive whole number", () => {
    expect(fieldErrors({ name: " " }).name).toEqual(["Give the campaign a name"]);
    expect(fieldErrors({ name: "X", startsOn: "2026-02-30" }).startsOn).toEqual([
      "Enter a real date as YYYY-MM-DD, between 2000 and 2100",
    ]);
    expect(fieldErrors({ name: "X", startsOn: "2026-05-02", endsOn: "2026-05-01" }).endsOn).toEqual([
      "The campaign must end after it starts",
    ]);
    expect(fieldErrors({ name: "X", startsOn: "2026-05-01", endsOn: "2026-05-01" }).endsOn).toEqual([
      "The campaign must end after it starts",
    ]);
    expect(fieldErrors({ name: "X", clickGoal: "0" }).clickGoal).toEqual(["The goal must be at least 1 click"]);
    expect(fieldErrors({ name: "X", clickGoal: "1.5" }).clickGoal).toEqual([
      "Enter the goal as a whole number of clicks",
    ]);
    expect(fieldErrors({ name: "X", clickGoal: "lots" }).clickGoal).toEqual([
      "Enter the goal as a whole number of clicks",
    ]);
  });
});

describe("progressToward", () => {
  test("percent of the goal, capped at 100; none without a goal", () => {
    expect(progressToward(250, 1000)).toEqual({ countedClicks: 250, clickGoal: 1000, percent: 25 });
    expect(progressToward(1999, 1000).percent).toBe(100);
    expect(progressToward(7, null).percent).toBeNull();
  });
});
