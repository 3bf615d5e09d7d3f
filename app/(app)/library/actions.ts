"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { discardImage, isUpload, storeImage } from "@/lib/images";
import { storePreviewImage } from "@/lib/preview-image";
import { createPost, duplicatePost, transitionPost, updatePost } from "@/lib/posts";
import { postId, postInput, reviewInput } from "@/lib/validation";

const postForm = postInput.safeExtend({
  submit: z.literal("1").optional(),
  image: z.unknown().optional(),
  removeImage: z.literal("1").optional(),
  imageFromLink: z.literal("1").optional(),
});

/**
 * The image a save asks for, checked and stored before the post is saved: an upload wins over the link's
 * preview image, and either over removing the current one; undefined keeps the current one.
 */
async function chosenImage(input: z.infer<typeof postForm>): Promise<string | null | undefined> {
  if (isUpload(input.image)) return storeImage(input.image);
  if (input.imageFromLink) return storePreviewImage(input.url);
  return input.removeImage ? null : undefined;
}

/** Stores the chosen image, then saves the post with it; if the save is refused, the stored file goes again. */
async function saveWithImage<T>(
  input: z.infer<typeof postForm>,
  save: (image: string | null | undefined) => Promise<T>,
): Promise<T> {
  const image = await chosenImage(input);
  try {
    return await save(image);
  } catch (error) {
    if (image) await discardImage(image);
    throw error;
  }
}

export const createPostAction = action("posts.write", postForm, async (input, user) => {
  const { postId } = await saveWithImage(input, (image) => createPost(user, input, image ?? null));
  if (input.submit) await transitionPost(user, postId, "submit");
  revalidatePath("/library");
  return { postId };
});

export const updatePostAction = action("posts.write", postForm.safeExtend({ postId }), async (input, user) => {
  const result = await saveWithImage(input, (image) => updatePost(user, input.postId, input, image));
  if (input.submit && result.status === "draft") await transitionPost(user, input.postId, "submit");
  revalidatePath("/library");
  revalidatePath(`/library/${input.postId}`);
  return { postId: input.postId };
});

export const submitPostAction = action("posts.write", reviewInput, async ({ postId }, user) => {
  const result = await transitionPost(user, postId, "submit");
  revalidatePath("/library");
  revalidatePath(`/library/${postId}`);
  return result;
});

export const archivePostAction = action("posts.write", reviewInput, async ({ postId }, user) => {
  const result = await transitionPost(user, postId, "archive");
  revalidatePath("/library");
  revalidatePath(`/library/${postId}`);
  return result;
});

export const duplicatePostAction = action("posts.write", reviewInput, async ({ postId }, user) => {
  const copy = await duplicatePost(user, postId);
  revalidatePath("/library");
  return copy;
});
