import { Section } from "@/components/report/section";
import { BadgeList } from "@/components/recognition/badge-list";
import { ChallengeList } from "@/components/recognition/challenge-list";
import { InfluenceScore } from "@/components/recognition/influence-score";
import { todayIn } from "@/lib/periods";
import { awardBadges, getBadges } from "@/lib/recognition/badges";
import { challengesFor } from "@/lib/recognition/challenges";
import { getMyScore } from "@/lib/recognition/reports";
import { getSettings } from "@/lib/settings";

/** My stats' recognition: influence score, badges and my challenges. */
export async function MyRecognition({ user }: { user: { id: string; teamId: number | null } }) {
  const today = todayIn((await getSettings()).timeZone);
  // Badges earned since the weekly run show at once; the primary key keeps each to one award.
  await awardBadges([user.id]);
  const [score, badges, challenges] = await Promise.all([
    getMyScore(user.id),
    getBadges(user.id),
    challengesFor(user, today),
  ]);
  return (
    <>
      <Section title="My influence score" testId="my-influence">
        <InfluenceScore score={score} />
      </Section>
      <Section title="My badges">
        <BadgeList badges={badges} />
      </Section>
      <Section title="My challenges">
        <ChallengeList challenges={challenges} today={today} showMine />
      </Section>
    </>
  );
}
