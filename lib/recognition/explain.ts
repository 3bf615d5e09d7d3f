import {
  clicksPerShare,
  companyOf,
  computeScores,
  PART_MAX,
  RESONANCE_CAP,
  SCORE_WEEKS,
  type ScoreInput,
} from "@/lib/recognition/score";

const fmt = (value: number) => value.toLocaleString("en", { maximumFractionDigits: 2 });

/** The score's rules in words, with the constants the weekly job computes by. */
export function scoreRules(): string[] {
  return [
    `Your influence score is 0–100, made of four parts worth up to ${PART_MAX} points each. It is worked out every Monday from the ${SCORE_WEEKS} full weeks before (about 90 days), and every week's score is kept.`,
    `Consistency: the weeks in which you shared at least once, out of ${SCORE_WEEKS}, times ${PART_MAX}.`,
    `Reach: your counted clicks as a percentile among active advocates (anyone with a share, a counted click or a reshare in those weeks): the share of them with as many counted clicks as you or fewer, times ${PART_MAX}. No counted click, no reach.`,
    `Resonance: your counted clicks per share against the company's median (among active advocates), full marks at ${RESONANCE_CAP} times the median; clicks with no share in the weeks count as one share. When the median is 0, any counted click gives full marks.`,
    `Amplification: your reshares plus the conversions credited to you (a deal once) as a percentile among active advocates, like reach.`,
    "Facebook shares count for nothing here, as for share points; bots, repeats within 24 hours and your own clicks never count. Parts are shown to one decimal; the score is their sum, rounded.",
  ];
}

export type WorkedExample = {
  people: { who: string; input: ScoreInput }[];
  lines: string[];
  score: number;
};

/** A small company worked through by the same functions the weekly job uses. */
export function workedExample(): WorkedExample {
  const people = [
    {
      who: "You",
      input: { advocateId: "you", weeksWithShare: 6, shares: 8, countedClicks: 40, reshares: 1, conversions: 0 },
    },
    {
      who: "Ana",
      input: { advocateId: "ana", weeksWithShare: 3, shares: 4, countedClicks: 10, reshares: 0, conversions: 0 },
    },
    {
      who: "Ben",
      input: { advocateId: "ben", weeksWithShare: 10, shares: 10, countedClicks: 90, reshares: 2, conversions: 0 },
    },
  ];
  const inputs = people.map((p) => p.input);
  const company = companyOf(inputs);
  const you = computeScores(inputs)[0]!;
  const me = people[0]!.input;
  const lines = [
    `Consistency: ${me.weeksWithShare} of ${SCORE_WEEKS} weeks × ${PART_MAX} = ${fmt(you.consistency)}.`,
    `Reach: ${me.countedClicks} counted clicks; ${company.clicks.filter((c) => c <= me.countedClicks).length} of ${company.clicks.length} active advocates have as many or fewer → ${fmt(you.reach)}.`,
    `Resonance: ${fmt(clicksPerShare(me))} counted clicks per share against a median of ${fmt(company.medianClicksPerShare)}; full marks at ${fmt(company.medianClicksPerShare * RESONANCE_CAP)} → ${fmt(you.resonance)}.`,
    `Amplification: ${me.reshares} reshare; ${company.amplification.filter((a) => a <= me.reshares).length} of ${company.amplification.length} have as many or fewer → ${fmt(you.amplification)}.`,
    `Score: ${fmt(you.consistency)} + ${fmt(you.reach)} + ${fmt(you.resonance)} + ${fmt(you.amplification)} ≈ ${you.score}.`,
  ];
  return { people, lines, score: you.score };
}
