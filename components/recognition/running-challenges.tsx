import { getTranslations } from "next-intl/server";
import { ChallengeList } from "@/components/recognition/challenge-list";
import { todayIn } from "@/lib/periods";
import { challengesFor } from "@/lib/recognition/challenges";
import { getSettings } from "@/lib/settings";

/** The feed's challenges: the running ones for the viewer (everyone's and their team's); nothing when none run. */
export async function RunningChallenges({ user }: { user: { id: string; teamId: number | null } }) {
  const today = todayIn((await getSettings()).timeZone);
  const running = (await challengesFor(user, today)).filter((c) => c.endsOn >= today);
  if (!running.length) return null;
  return (
    <section aria-labelledby="feed-challenges" className="mt-4" data-testid="feed-challenges">
      <h2 id="feed-challenges" className="text-lg font-semibold">
        {(await getTranslations("Feed"))("challenges")}
      </h2>
      <ChallengeList challenges={running} today={today} showMine />
    </section>
  );
}
