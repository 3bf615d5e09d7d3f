import type { CampaignProgress } from "@/lib/campaigns";

/** Counted clicks toward the goal, as a bar with its numbers in words. */
export function GoalProgress({ progress, label }: { progress: CampaignProgress; label: string }) {
  const clicks = progress.countedClicks.toLocaleString("en");
  if (progress.clickGoal === null || progress.percent === null)
    return <p className="text-sm text-slate-600">{clicks} counted clicks · no goal set</p>;
  const text = `${clicks} of ${progress.clickGoal.toLocaleString("en")} counted clicks (${progress.percent}%)`;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full rounded-full bg-indigo-600" style={{ width: `${progress.percent}%` }} />
      </div>
      <p className="mt-1 text-sm text-slate-600" data-testid="campaign-progress">
        {text}
      </p>
    </div>
  );
}

export function formatDay(day: string | null): string {
  return day
    ? new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        timeZone: "UTC",
      })
    : "—";
}
