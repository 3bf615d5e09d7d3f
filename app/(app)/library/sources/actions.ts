"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import {
  createSource,
  removeSource,
  sourceInput,
  sourceRemoveInput,
  sourceUpdateInput,
  updateSource,
} from "@/lib/content/sources";

export const createSourceAction = action("suggestions.review", sourceInput, async (input, user) => {
  const { id } = await createSource(user, input);
  revalidatePath("/library/sources");
  return { sourceId: id };
});

export const updateSourceAction = action("suggestions.review", sourceUpdateInput, async ({ sourceId, ...input }) => {
  await updateSource(sourceId, input);
  revalidatePath("/library/sources");
  return { sourceId };
});

export const removeSourceAction = action("suggestions.review", sourceRemoveInput, async ({ sourceId }) => {
  await removeSource(sourceId);
  revalidatePath("/library/sources");
  return { sourceId };
});
