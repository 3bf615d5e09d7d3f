"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import {
  createHashtag,
  hashtagInput,
  hashtagRetireInput,
  hashtagUpdateInput,
  setHashtagRetired,
  updateHashtag,
} from "@/lib/hashtags";

export const createHashtagAction = action("posts.write", hashtagInput, async (input) => {
  await createHashtag(input);
  revalidatePath("/library/hashtags");
  return { tag: input.tag };
});

export const updateHashtagAction = action(
  "posts.write",
  hashtagUpdateInput,
  async ({ hashtagId, tag, description }) => {
    await updateHashtag(hashtagId, { tag, description });
    revalidatePath("/library/hashtags");
    return { tag };
  },
);

export const retireHashtagAction = action("posts.write", hashtagRetireInput, async ({ hashtagId, retired }) => {
  await setHashtagRetired(hashtagId, retired);
  revalidatePath("/library/hashtags");
  return { retired };
});
