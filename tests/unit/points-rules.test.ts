import { describe, expect, it } from "vitest";
import { countingRules, pointValues } from "@/lib/points-rules";

const defaults = {
  pointsShare: 1,
  pointsShareFacebook: 0,
  pointsClick: 2,
  pointsReshare: 5,
  dailyShareCap: 10,
  timeZone: "UTC",
};
const allRules = (s: Parameters<typeof countingRules>[0]) => countingRules(s).flatMap((section) => section.rules);

describe("the public 'How points work' rules", () => {
  it("state the point values in force", () => {
    expect(pointValues(defaults).map((v) => v.points)).toEqual([1, 0, 2, 5, 0]);
    expect(
      pointValues({ ...defaults, pointsShare: 3, pointsShareFacebook: 1, pointsClick: 4, pointsReshare: 9 }).map(
        (v) => v.points,
      ),
    ).toEqual([3, 1, 4, 9, 0]);
    expect(pointValues({ ...defaults, pointsConversion: 20 }).at(-1)!.points).toBe(20);
  });

  it("state the attribution window and conversion points in force", () => {
    expect(allRules({ ...defaults, attributionWindowDays: 30 }).join(" ")).toContain(
      "within 30 days of the visitor's first click",
    );
    expect(allRules(defaults).join(" ")).toContain("Conversions earn no points");
    expect(allRules({ ...defaults, pointsConversion: 3 })).toContain("Each credited conversion earns 3 points.");
  });

  it("name the daily cap and the company's time zone", () => {
    expect(allRules(defaults)).toContain(
      "At most 10 shares a day earn share points; later shares still go out and their clicks still count. Days run on UTC time.",
    );
    expect(allRules({ ...defaults, dailyShareCap: 1, timeZone: "Europe/Lisbon" })[0]).toMatch(
      /^At most 1 share a day .* Europe\/Lisbon time\.$/,
    );
  });

  it("say Facebook shares are free of the cap only while they earn nothing", () => {
    const facebookRule = (s: typeof defaults) =>
      allRules(s).filter((rule) => rule.startsWith("Facebook shares earn no share points"));
    expect(facebookRule(defaults)).toHaveLength(1);
    expect(facebookRule({ ...defaults, pointsShareFacebook: 1 })).toHaveLength(0);
  });

  it("give the repeat-visit window and the click retention from the modules that enforce them", () => {
    const rules = allRules(defaults);
    expect(rules.some((rule) => rule.includes("within 24 hours does not count again"))).toBe(true);
    expect(rules.some((rule) => rule.includes("kept for 13 months"))).toBe(true);
  });
});
