"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { setTargets, targetsInput } from "@/lib/outcomes/targets";

export const saveTargetsAction = action("targets.manage", targetsInput, async (input, user) => {
  await setTargets(user.id, input);
  revalidatePath("/targets");
  revalidatePath("/dashboard");
  return {};
});
