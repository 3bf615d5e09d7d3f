"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { challengeInput, createChallenge } from "@/lib/recognition/challenges";

export const createChallengeAction = action("challenges.manage", challengeInput, async (input, user) => {
  const { id } = await createChallenge(user.id, input);
  revalidatePath("/library/challenges");
  return { challengeId: id };
});
