"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { languageInput, setLanguageSetting } from "@/lib/language";
import { setLeaderboardPrivacy } from "@/lib/privacy";

/** Only ever the signed-in person's own row: the user id comes from the session, never the form. */
export const savePrivacyAction = action(
  "privacy.update",
  z.object({ hideName: z.literal("on").optional() }),
  async ({ hideName }, user) => {
    const saved = await setLeaderboardPrivacy(user.id, hideName === "on");
    revalidatePath("/me");
    revalidatePath("/leaderboard");
    return saved;
  },
);

/** The person's own language; every page renders in it from the next render on (i18n/request.ts). */
export const saveLanguageAction = action("language.update", languageInput, async ({ locale }, user) => {
  const saved = await setLanguageSetting(user.id, locale);
  revalidatePath("/", "layout");
  return saved;
});
