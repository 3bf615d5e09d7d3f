"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { acceptSuggestion, declineInput, declineSuggestion } from "@/lib/content/suggestions";
import { rowId } from "@/lib/validation";

export const acceptAction = action("suggestions.review", z.object({ suggestionId: rowId }), async (input, user) => {
  const result = await acceptSuggestion(user, input.suggestionId);
  revalidatePath("/library/inbox");
  return result;
});

export const declineAction = action("suggestions.review", declineInput, async (input, user) => {
  const result = await declineSuggestion(user, input.suggestionId, input.comment);
  revalidatePath("/library/inbox");
  return result;
});
