import { dayLabel as formatDay } from "@/components/recognition/day-label";
import { METRIC_NAMES, resultLine, type ChallengeProgress } from "@/lib/recognition/challenges";

/** Challenges with progress bars; `showMine` adds the viewer's own part. */
export function ChallengeList({
  challenges,
  today,
  showMine = false,
}: {
  challenges: ChallengeProgress[];
  today: string;
  showMine?: boolean;
}) {
  if (!challenges.length) return <p className="mt-2 text-sm text-slate-600">No challenges running.</p>;
  return (
    <ul className="mt-3 grid gap-3 md:grid-cols-2" data-testid="challenges">
      {challenges.map((c) => {
        const percent = Math.min(100, Math.round((c.progress / c.goal) * 100));
        const what = METRIC_NAMES[c.metric].toLowerCase();
        const text = `${c.progress.toLocaleString("en")} of ${c.goal.toLocaleString("en")} ${what} (${percent}%)`;
        const ended = c.endsOn < today;
        return (
          <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="challenge">
            <p className="font-semibold">{c.title}</p>
            <p className="text-xs text-slate-600">
              {c.team ?? "Everyone"} · {formatDay(c.startsOn)} – {formatDay(c.endsOn)}
              {c.reward ? ` · Reward: ${c.reward}` : ""}
            </p>
            <div
              role="progressbar"
              aria-label={`Progress of ${c.title}`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              aria-valuetext={text}
              className="mt-2 h-2 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full rounded-full bg-indigo-600" style={{ width: `${percent}%` }} />
            </div>
            <p className="mt-1 text-sm text-slate-700" data-testid="challenge-progress">
              {ended ? resultLine(c) : text}
              {showMine ? ` · You: ${c.mine.toLocaleString("en")}` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
