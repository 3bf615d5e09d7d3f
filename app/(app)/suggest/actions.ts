"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { suggestInput, suggestPost } from "@/lib/content/suggestions";

export const suggestAction = action("suggestions.create", suggestInput, async (input, user) => {
  const result = await suggestPost(user, input);
  revalidatePath("/me");
  return result;
});
