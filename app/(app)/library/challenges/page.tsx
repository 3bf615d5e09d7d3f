import type { Metadata } from "next";
import { LibraryNav } from "@/components/library-nav";
import { ChallengeList } from "@/components/recognition/challenge-list";
import { CHALLENGE_METRICS } from "@/db/schema";
import { requirePermission } from "@/lib/auth";
import { todayIn } from "@/lib/periods";
import { allChallenges, METRIC_NAMES } from "@/lib/recognition/challenges";
import { getSettings } from "@/lib/settings";
import { listTeams } from "@/lib/teams";
import { createChallengeAction } from "./actions";
import { ChallengeForm } from "./challenge-form";

export const metadata: Metadata = { title: "Challenges" };

export default async function ChallengesPage() {
  const user = await requirePermission("challenges.manage", "/library/challenges");
  const [settings, challenges, teams] = await Promise.all([getSettings(), allChallenges(), listTeams()]);
  const today = todayIn(settings.timeZone);
  return (
    <>
      <LibraryNav user={user} current="challenges" />
      <h1 className="text-2xl font-semibold">Challenges</h1>
      <p className="mt-1 text-sm text-slate-600">
        A goal for a few days or weeks, for everyone or one team. Progress comes from the same counts as the leaderboard
        (Facebook shares do not count); the result is announced by mail and chat the day after it ends.
      </p>
      <section aria-labelledby="new-challenge" className="mt-6 max-w-xl">
        <h2 id="new-challenge" className="text-lg font-semibold">
          New challenge
        </h2>
        <div className="mt-3">
          <ChallengeForm
            save={createChallengeAction}
            teams={teams}
            metrics={CHALLENGE_METRICS.map((value) => ({ value, label: METRIC_NAMES[value] }))}
          />
        </div>
      </section>
      <section aria-labelledby="all-challenges" className="mt-8">
        <h2 id="all-challenges" className="text-lg font-semibold">
          All challenges
        </h2>
        <ChallengeList challenges={challenges} today={today} />
      </section>
    </>
  );
}
