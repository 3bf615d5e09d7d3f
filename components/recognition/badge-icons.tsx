import { dayLabel } from "@/components/recognition/day-label";
import type { MyBadge } from "@/lib/recognition/badges";

/** Badges beside a name on the leaderboard: an icon each, named for screen readers and on hover. */
export function BadgeIcons({ badges }: { badges: MyBadge[] }) {
  if (!badges.length) return null;
  return (
    <span className="ml-1.5 inline-flex gap-0.5 align-middle" data-testid="leaderboard-badges">
      {badges.map((badge) => (
        <span
          key={badge.id}
          role="img"
          aria-label={badge.name}
          title={`${badge.name} · ${dayLabel(badge.awardedOn)}`}
          className="text-sm leading-none"
        >
          {badge.icon}
        </span>
      ))}
    </span>
  );
}
