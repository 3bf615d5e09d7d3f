import { describe, expect, it } from "vitest";
import { countingRules, pointValues } from "@/lib/points-rules";

const defaults = {
  pointsShare: 1,
  pointsShareFacebook: 0,
  pointsClick: 2,
  pointsReshare: 5,
  dailyShareCap: 10,
  embedReshareDailyCap: 10,
  reportedReshareEventCap: 50,
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
    expect(allRules({ ...defaults, pointsConversion: 3 })).toContain(
      "Each credited conversion earns 3 points, for you on the leaderboard and for your team in the team standings.",
    );
  });

  it("name the daily cap and the company's time zone", () => {
    expect(allRules(defaults)).toContain(
      "At most 10 shares a day earn share points; later shares still go out and their clicks still count. Days run on UTC time.",
    );
    expect(allRules({ ...defaults, dailyShareCap: 1, timeZone: "Europe/Lisbon" })[0]).toMatch(
      /^At most 1 share a day .* Europe\/Lisbon time\.$/,
    );
  });

  it("state how an external reshare is earned, its daily cap and the cap on a reported event, with the values in force", () => {
    const rules = allRules({ ...defaults, embedReshareDailyCap: 3, reportedReshareEventCap: 20 });
    expect(rules.find((rule) => rule.startsWith("A visitor who arrives through your link"))).toMatch(
      /when someone else opens that link within 24 hours .* their own clicks .* earn nothing/,
    );
    expect(rules).toContain("At most 3 such reshares a day are credited to one link (days on UTC time).");
    expect(allRules({ ...defaults, embedReshareDailyCap: 1 })).toContain(
      "At most 1 such reshare a day is credited to one link (days on UTC time).",
    );
    expect(rules.find((rule) => rule.startsWith("Reshares reported"))).toContain(
      "an event that reports more than 20 reshares is refused",
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
