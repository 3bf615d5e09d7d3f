import { describe, expect, test } from "vitest";
import { bucketFor, bucketLabel, bucketStarts, rangeLabel, resolvePeriod, shareStreak, todayIn } from "@/lib/periods";
import { resolveTeam } from "@/lib/teams";

const at = (iso: string) => ({ timeZone: "Europe/Lisbon", now: new Date(iso) });

describe("resolvePeriod", () => {
  test("fixed periods are worked out in the company time zone", () => {
    // 20:00 UTC on Sunday 29 March 2026 is already Monday 30 March in Tokyo, still Sunday evening in Lisbon.
    expect(resolvePeriod({ period: "week" }, at("2026-03-29T20:00:00Z")).period).toMatchObject({
      from: "2026-03-23",
      to: "2026-03-29",
    });
    expect(
      resolvePeriod({ period: "week" }, { timeZone: "Asia/Tokyo", now: new Date("2026-03-29T20:00:00Z") }).period,
    ).toMatchObject({ from: "2026-03-30", to: "2026-03-30" });
    // Lisbon is on summer time (UTC+1) by then: 23:30 UTC on 31 March is 1 April there.
    expect(resolvePeriod({ period: "month" }, at("2026-03-31T23:30:00Z")).period).toMatchObject({
      from: "2026-04-01",
      to: "2026-04-01",
    });
    expect(resolvePeriod({ period: "quarter" }, at("2026-06-30T12:00:00Z")).period).toMatchObject({
      from: "2026-04-01",
      to: "2026-06-30",
    });
    expect(resolvePeriod({ period: "all" }, at("2026-06-30T12:00:00Z")).period).toMatchObject({
      kind: "all",
      from: null,
      to: null,
      label: "All time",
    });
  });

  test("no period means the fallback; dates alone mean a custom range", () => {
    expect(resolvePeriod({}, { ...at("2026-05-05T10:00:00Z"), fallback: "month" })).toMatchObject({
      period: { kind: "month", from: "2026-05-01" },
      error: null,
    });
    expect(resolvePeriod({ from: "2026-01-01", to: "2026-01-31" }, at("2026-05-05T10:00:00Z"))).toMatchObject({
      period: { kind: "custom", from: "2026-01-01", to: "2026-01-31", label: "1 – 31 Jan 2026" },
      error: null,
    });
    expect(
      resolvePeriod({ period: "custom", from: "2025-12-30", to: "2026-01-05" }, at("2026-05-05T10:00:00Z")).period
        .label,
    ).toBe("30 Dec 2025 – 5 Jan 2026");
    expect(resolvePeriod({ period: "week", from: "garbage" }, at("2026-05-05T10:00:00Z")).error).toMatchObject({
      fields: { from: ["Use a date like 2026-03-31"] },
    });
  });

  test.each([
    [{ period: "custom", from: "2026-03-10", to: "2026-03-01" }, "The start date is after the end date"],
    [{ period: "custom", from: "1970-01-01", to: "2026-03-01" }, "Ranges start on 2000-01-01 at the earliest"],
    [{ period: "custom", from: "2026-01-01", to: "9999-12-31" }, "The end date is more than a year from now"],
    [{ period: "custom", from: "2026-02-30", to: "2026-03-01" }, "That date does not exist"],
    [{ period: "custom", from: "2026-01-01" }, "Choose an end date for the range"],
    [{ period: "custom" }, "Choose a start date for the range"],
    [{ period: "decade" }, "Choose this week, this month, this quarter, all time or a date range"],
    [{ period: "custom", from: "01/03/2026", to: "2026-03-05" }, "Use a date like 2026-03-31"],
  ])("bad input %j is named, and the fallback period is used", (input, message) => {
    const { period, error } = resolvePeriod(input, { ...at("2026-05-05T10:00:00Z"), fallback: "quarter" });
    expect(error?.message).toBe(message);
    expect(period.kind).toBe("quarter");
  });

  test("today is the company's calendar day", () => {
    expect(todayIn("America/Los_Angeles", new Date("2026-01-01T05:00:00Z"))).toBe("2025-12-31");
    expect(todayIn("Pacific/Auckland", new Date("2025-12-31T12:00:00Z"))).toBe("2026-01-01");
  });

  test("range labels", () => {
    expect(rangeLabel("2026-03-03", "2026-03-03")).toBe("3 Mar 2026");
    expect(rangeLabel("2026-02-28", "2026-03-06")).toBe("28 Feb – 6 Mar 2026");
  });
});

describe("buckets", () => {
  test("days up to two months, weeks up to half a year, then months", () => {
    expect(bucketFor("2026-01-01", "2026-03-03")).toBe("day");
    expect(bucketFor("2026-01-01", "2026-03-04")).toBe("week");
    expect(bucketFor("2026-01-01", "2026-07-02")).toBe("week");
    expect(bucketFor("2026-01-01", "2026-07-03")).toBe("month");
  });

  test("every bucket is listed, weeks starting on Monday", () => {
    expect(bucketStarts("2026-03-30", "2026-04-02", "day")).toEqual([
      "2026-03-30",
      "2026-03-31",
      "2026-04-01",
      "2026-04-02",
    ]);
    expect(bucketStarts("2026-03-04", "2026-03-20", "week")).toEqual(["2026-03-02", "2026-03-09", "2026-03-16"]);
    expect(bucketStarts("2025-11-15", "2026-02-01", "month")).toEqual([
      "2025-11-01",
      "2025-12-01",
      "2026-01-01",
      "2026-02-01",
    ]);
    expect(bucketLabel("2026-03-02", "week")).toBe("w/c 2 Mar");
    expect(bucketLabel("2026-03-01", "month")).toBe("Mar 2026");
  });
});

describe("shareStreak", () => {
  const today = "2026-03-18"; // a Wednesday
  test("counts back from this week, or from last week while this one is still open", () => {
    expect(shareStreak(["2026-03-16", "2026-03-09", "2026-03-02"], today)).toEqual({
      current: 3,
      longest: 3,
      sharedThisWeek: true,
    });
    expect(shareStreak(["2026-03-13", "2026-03-02"], today)).toEqual({ current: 2, longest: 2, sharedThisWeek: false });
  });
  test("a missed week ends the streak; the longest run is remembered", () => {
    expect(shareStreak(["2026-02-23", "2026-02-16", "2026-02-09", "2026-03-16"], today)).toEqual({
      current: 1,
      longest: 3,
      sharedThisWeek: true,
    });
    expect(shareStreak(["2026-03-02"], today)).toEqual({ current: 0, longest: 1, sharedThisWeek: false });
    expect(shareStreak([], today)).toEqual({ current: 0, longest: 0, sharedThisWeek: false });
  });
  test("weeks run across a new year", () => {
    expect(shareStreak(["2025-12-29", "2026-01-05", "2025-12-22"], "2026-01-06")).toEqual({
      current: 3,
      longest: 3,
      sharedThisWeek: true,
    });
  });
});

describe("resolveTeam", () => {
  const teams = [{ id: 3, name: "Sales" }];
  test("absent, empty or all: every team; a known id: that team", () => {
    for (const raw of [undefined, "", "all"]) expect(resolveTeam(raw, teams)).toEqual({ team: null, error: null });
    expect(resolveTeam("3", teams)).toEqual({ team: teams[0], error: null });
  });
  test("an unknown or malformed team is an error, never a wider or empty report", () => {
    expect(resolveTeam("99", teams)).toEqual({ team: null, error: "There is no team with id 99." });
    expect(resolveTeam("-1", teams).error).toBe("“-1” is not a team.");
    expect(resolveTeam("sales'; drop table", teams).error).toBe("“sales'; drop table” is not a team.");
  });
});
