import { describe, expect, test } from "vitest";
import { workedExample } from "@/lib/recognition/explain";
import {
  bestNextStep,
  computeScores,
  median,
  percentile,
  RESONANCE_CAP,
  type ScoreInput,
} from "@/lib/recognition/score";

const input = (advocateId: string, overrides: Partial<ScoreInput> = {}): ScoreInput => ({
  advocateId,
  weeksWithShare: 0,
  shares: 0,
  countedClicks: 0,
  reshares: 0,
  conversions: 0,
  ...overrides,
});
const byId = (inputs: ScoreInput[]) => new Map(computeScores(inputs).map((s) => [s.advocateId, s]));

describe("influence score", () => {
  test("no activity scores 0 in every part", () => {
    expect(computeScores([input("a")])[0]).toEqual({
      advocateId: "a",
      consistency: 0,
      reach: 0,
      resonance: 0,
      amplification: 0,
      score: 0,
    });
    expect(computeScores([])).toEqual([]);
  });

  test("a single active advocate tops the percentiles and sits at the median", () => {
    const [only] = computeScores([input("a", { weeksWithShare: 13, shares: 13, countedClicks: 26, reshares: 1 })]);
    // Their clicks per share is the median itself: half of the cap.
    expect(only).toMatchObject({ consistency: 25, reach: 25, amplification: 25, resonance: 25 / RESONANCE_CAP });
    expect(only!.score).toBe(88);
  });

  test("ties get the same parts and score", () => {
    const scores = byId([
      input("a", { weeksWithShare: 4, shares: 4, countedClicks: 10, reshares: 1 }),
      input("b", { weeksWithShare: 4, shares: 4, countedClicks: 10, reshares: 1 }),
      input("c", { weeksWithShare: 1, shares: 1, countedClicks: 2 }),
    ]);
    const { advocateId: _a, ...a } = scores.get("a")!;
    const { advocateId: _b, ...b } = scores.get("b")!;
    expect(a).toEqual(b);
    expect(a.reach).toBe(25);
    expect(scores.get("c")!.reach).toBeCloseTo(8.3, 5);
    expect(scores.get("c")!.amplification).toBe(0);
  });

  test("an advocate whose clicks were all bots (no counted click) gets no reach or resonance", () => {
    const scores = byId([
      input("bots", { weeksWithShare: 2, shares: 2, countedClicks: 0 }),
      input("people", { weeksWithShare: 2, shares: 2, countedClicks: 8 }),
    ]);
    expect(scores.get("bots")).toMatchObject({ reach: 0, resonance: 0, amplification: 0 });
    expect(scores.get("bots")!.consistency).toBeCloseTo((25 * 2) / 13, 1);
    // The median of 0 and 4 clicks per share is 2: 4 is twice that, full marks.
    expect(scores.get("people")).toMatchObject({ reach: 25, resonance: 25 });
  });

  test("an advocate who joined mid-period is scored on their weeks out of 13, against the same company", () => {
    const scores = byId([
      input("veteran", { weeksWithShare: 13, shares: 13, countedClicks: 13 }),
      input("newcomer", { weeksWithShare: 4, shares: 4, countedClicks: 40 }),
    ]);
    expect(scores.get("newcomer")!.consistency).toBe(7.7);
    expect(scores.get("newcomer")!.reach).toBe(25);
    expect(scores.get("veteran")!.reach).toBe(12.5);
  });

  test("resonance is capped at full marks, and a median of 0 leaves any resonance full", () => {
    const capped = byId([
      input("star", { shares: 1, weeksWithShare: 1, countedClicks: 1000 }),
      input("x", { shares: 1, weeksWithShare: 1, countedClicks: 1 }),
      input("y", { shares: 1, weeksWithShare: 1, countedClicks: 1 }),
    ]);
    expect(capped.get("star")!.resonance).toBe(25);
    expect(capped.get("x")!.resonance).toBe(12.5);
    const quiet = byId([
      input("one", { shares: 1, weeksWithShare: 1, countedClicks: 1 }),
      input("none1", { shares: 1, weeksWithShare: 1 }),
      input("none2", { shares: 1, weeksWithShare: 1 }),
    ]);
    expect(quiet.get("one")!.resonance).toBe(25);
    expect(quiet.get("none1")!.resonance).toBe(0);
  });

  test("conversions add to amplification beside reshares", () => {
    const scores = byId([input("a", { reshares: 1 }), input("b", { conversions: 2 })]);
    expect(scores.get("b")!.amplification).toBe(25);
    expect(scores.get("a")!.amplification).toBe(12.5);
  });

  test("percentile and median", () => {
    expect(percentile(0, [0, 1, 2])).toBe(0);
    expect(percentile(2, [0, 1, 2, 2])).toBe(1);
    expect(percentile(1, [1, 1, 3, 5])).toBe(0.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBe(0);
  });

  test("the best next step names the part that gains most", () => {
    // Already top of reach, resonance and amplification: only more weeks with a share can help.
    const me = input("me", { weeksWithShare: 1, shares: 1, countedClicks: 20, reshares: 5 });
    const others = ["o1", "o2", "o3"].map((id) =>
      input(id, { weeksWithShare: 13, shares: 13, countedClicks: 13, reshares: 1 }),
    );
    const advice = bestNextStep(me, [me, ...others]);
    expect(advice).toEqual({
      part: "consistency",
      gain: 6,
      message: "Share in 3 more weeks this quarter to gain 6 points.",
    });
    // Reaching the next advocate's clicks also lifts resonance: the step counts both.
    const low = input("low", { weeksWithShare: 13, shares: 1, countedClicks: 1 });
    expect(bestNextStep(low, [low, ...others])).toMatchObject({ part: "reach", gain: 31 });
    const idle = input("idle");
    expect(bestNextStep(idle, [idle])?.part).toBe("amplification");
  });
});

describe("the worked example on How points work", () => {
  test("is computed by the same functions, and its parts add up to its score", () => {
    const example = workedExample();
    expect(example.score).toBe(57);
    expect(example.lines.at(-1)).toBe("Score: 11.5 + 16.7 + 12.5 + 16.7 ≈ 57.");
  });
});
