"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
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
