/**
 * The influence score (README "How points work"): 0–100 per advocate from the rollups of the 13 full weeks
 * before a snapshot week, in four published parts of 0–25. Pure: the weekly job, the recompute check, the
 * "How points work" example and the unit tests all call the same functions.
 */

/** Each part is worth at most this many points. */
export const PART_MAX = 25;
/** The look-back: 13 full weeks (91 days, "the last 90 days"), so consistency is weeks with a share ÷ 13. */
export const SCORE_WEEKS = 13;
/** Resonance reaches full marks at this many times the company's median counted clicks per share. */
export const RESONANCE_CAP = 2;

export const SCORE_PARTS = ["consistency", "reach", "resonance", "amplification"] as const;
export type ScorePart = (typeof SCORE_PARTS)[number];

export const PART_NAMES: Record<ScorePart, string> = {
  consistency: "Consistency",
  reach: "Reach",
  resonance: "Resonance",
  amplification: "Amplification",
};

/** One advocate's activity in the window, Facebook shares already left out (as in the points rules). */
export type ScoreInput = {
  advocateId: string;
  /** Weeks of the window with at least one share. */
  weeksWithShare: number;
  shares: number;
  countedClicks: number;
  reshares: number;
  /** Conversions credited to the advocate; 0 until conversions exist. */
  conversions: number;
};

export type ScoreParts = Record<ScorePart, number>;
export type Score = ScoreParts & { advocateId: string; score: number };

/** One decimal, as the parts are stored and shown. */
const tenth = (value: number) => Math.round(value * 10) / 10;

/** Active: anything to show in the window. The percentiles rank only these, so idle colleagues do not inflate them. */
export const isActive = (input: ScoreInput) =>
  input.shares > 0 || input.countedClicks > 0 || input.reshares > 0 || input.conversions > 0;

/** Counted clicks per share; clicks with no share in the window (an older link, a Facebook share) count as one share. */
export const clicksPerShare = (input: ScoreInput) => input.countedClicks / Math.max(1, input.shares);

export function median(values: number[]): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The share of `population` whose value is at most `value` (0–1); nothing scores nothing. Equal values get
 * equal shares, so ties score the same and the top of the company (or a company of one) gets 1.
 */
export function percentile(value: number, population: number[]): number {
  if (value <= 0 || !population.length) return 0;
  return population.filter((other) => other <= value).length / population.length;
}

export type Company = { clicks: number[]; amplification: number[]; medianClicksPerShare: number };

/** What the parts are measured against: the active advocates of the window. */
export function companyOf(inputs: ScoreInput[]): Company {
  const active = inputs.filter(isActive);
  return {
    clicks: active.map((input) => input.countedClicks),
    amplification: active.map((input) => input.reshares + input.conversions),
    medianClicksPerShare: median(active.map(clicksPerShare)),
  };
}

export function scoreParts(input: ScoreInput, company: Company): ScoreParts {
  const ratio = clicksPerShare(input);
  // A median of 0 (most active advocates had no counted click) leaves nothing to compare with: any resonance is full.
  const resonance =
    ratio <= 0 ? 0 : company.medianClicksPerShare > 0 ? ratio / (company.medianClicksPerShare * RESONANCE_CAP) : 1;
  return {
    consistency: tenth((PART_MAX * Math.min(SCORE_WEEKS, input.weeksWithShare)) / SCORE_WEEKS),
    reach: tenth(PART_MAX * percentile(input.countedClicks, company.clicks)),
    resonance: tenth(PART_MAX * Math.min(1, resonance)),
    amplification: tenth(PART_MAX * percentile(input.reshares + input.conversions, company.amplification)),
  };
}

export const totalOf = (parts: ScoreParts) =>
  Math.round(parts.consistency + parts.reach + parts.resonance + parts.amplification);

/** Everyone's score for one window, each measured against the same company. */
export function computeScores(inputs: ScoreInput[]): Score[] {
  const company = companyOf(inputs);
  return inputs.map((input) => {
    const parts = scoreParts(input, company);
    return { advocateId: input.advocateId, ...parts, score: totalOf(parts) };
  });
}

export type ScoreAdvice = { part: ScorePart; gain: number; message: string };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The one part that would raise the score most with a reachable step: a few more weeks with a share, the
 * clicks of the advocate just above, one more reshare, or the clicks per share at the cap. Each step is
 * scored against the same colleagues, with the advocate's own row changed.
 */
export function bestNextStep(input: ScoreInput, everyone: ScoreInput[]): ScoreAdvice | null {
  const others = everyone.filter((other) => other.advocateId !== input.advocateId);
  const company = companyOf([...others, input]);
  const before = totalOf(scoreParts(input, company));
  const options: { part: ScorePart; after: ScoreInput; message: (gain: number) => string }[] = [];
  const missingWeeks = Math.min(3, SCORE_WEEKS - input.weeksWithShare);
  if (missingWeeks > 0)
    options.push({
      part: "consistency",
      after: { ...input, weeksWithShare: input.weeksWithShare + missingWeeks, shares: input.shares + missingWeeks },
      message: (gain) => `Share in ${plural(missingWeeks, "more week")} this quarter to gain ${plural(gain, "point")}.`,
    });
  const nextClicks = company.clicks.filter((clicks) => clicks > input.countedClicks).sort((a, b) => a - b)[0];
  if (nextClicks !== undefined) {
    const more = nextClicks - input.countedClicks;
    options.push({
      part: "reach",
      after: { ...input, countedClicks: nextClicks },
      message: (gain) => `${plural(more, "more counted click")} would gain ${plural(gain, "point")} of reach.`,
    });
  }
  options.push({
    part: "amplification",
    after: { ...input, reshares: input.reshares + 1 },
    message: (gain) => `One more reshare of your links would gain ${plural(gain, "point")}.`,
  });
  if (input.shares > 0 && company.medianClicksPerShare > 0) {
    const target = Math.ceil(company.medianClicksPerShare * RESONANCE_CAP * input.shares);
    if (target > input.countedClicks)
      options.push({
        part: "resonance",
        after: { ...input, countedClicks: target },
        message: (gain) =>
          `Posts that draw ${plural(Math.ceil(company.medianClicksPerShare * RESONANCE_CAP), "counted click")} a share ` +
          `would gain ${plural(gain, "point")} of resonance.`,
      });
  }
  let best: ScoreAdvice | null = null;
  for (const option of options) {
    const gain = totalOf(scoreParts(option.after, companyOf([...others, option.after]))) - before;
    if (gain > 0 && (!best || gain > best.gain)) best = { part: option.part, gain, message: option.message(gain) };
  }
  return best;
}
