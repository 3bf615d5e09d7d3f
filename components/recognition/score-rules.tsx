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
