import { dayLabel as formatDay } from "@/components/recognition/day-label";
import type { MyBadge } from "@/lib/recognition/badges";

export function BadgeList({ badges }: { badges: MyBadge[] }) {
  if (!badges.length) return <p className="mt-2 text-sm text-slate-600">No badges yet: your first share earns one.</p>;
  return (
    <ul className="mt-3 flex flex-wrap gap-2" data-testid="my-badges">
      {badges.map((badge) => (
        <li
          key={badge.id}
          className="rounded-full border border-amber-300 bg-amber-50 px-3 py-1 text-sm text-amber-900"
          title={badge.description}
          data-testid="badge"
        >
          <span className="font-medium">{badge.name}</span>{" "}
          <span className="text-amber-800">· {formatDay(badge.awardedOn)}</span>
        </li>
      ))}
    </ul>
  );
}
