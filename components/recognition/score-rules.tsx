import { BADGES } from "@/lib/recognition/badges";
import { scoreRules, workedExample } from "@/lib/recognition/explain";

/** "How points work": the influence score's formula, its live constants and a worked example. */
export function ScoreRules() {
  const example = workedExample();
  return (
    <section aria-labelledby="score-heading" id="score" className="mt-8" data-testid="score-rules">
      <h2 id="score-heading" className="text-lg font-semibold">
        Influence score
      </h2>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {scoreRules().map((rule) => (
          <li key={rule}>{rule}</li>
        ))}
      </ul>
      <h3 className="mt-4 font-semibold">A worked example</h3>
      <p className="mt-1 text-sm text-slate-700">
        Three active advocates over the 13 weeks:{" "}
        {example.people
          .map(
            (p) =>
              `${p.who} shared in ${p.input.weeksWithShare} weeks (${p.input.shares} shares), ${p.input.countedClicks} counted clicks, ${p.input.reshares} reshares`,
          )
          .join("; ")}
        .
      </p>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700" data-testid="score-example">
        {example.lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}

/** "How points work": every badge on offer and how it is earned. */
export function BadgeRules() {
  return (
    <section aria-labelledby="badges-heading" id="badges" className="mt-8" data-testid="badge-rules">
      <h2 id="badges-heading" className="text-lg font-semibold">
        Badges
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        Each badge is awarded once, dated the day it was earned, and shown on My stats (and beside names on the
        leaderboard if your admin turns that on). Counted clicks, shares and reshares are counted as for points.
      </p>
      <ul className="mt-2 space-y-1 text-sm text-slate-700">
        {BADGES.map((badge) => (
          <li key={badge.id}>
            <span aria-hidden="true">{badge.icon}</span> <span className="font-medium">{badge.name}</span>:{" "}
            {badge.description}
          </li>
        ))}
      </ul>
    </section>
  );
}
