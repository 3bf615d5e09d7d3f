"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { isUpload, storeImage } from "@/lib/images";
import { createPost, duplicatePost, transitionPost, updatePost } from "@/lib/posts";
import { postId, postInput, reviewInput } from "@/lib/validation";

const postForm = postInput.safeExtend({
  submit: z.literal("1").optional(),
  image: z.unknown().optional(),
  removeImage: z.literal("1").optional(),
});

export const createPostAction = action("posts.write", postForm, async (input, user) => {
  // The image is checked (type by content, size) before anything is stored or saved.
  const imageUrl = isUpload(input.image) ? await storeImage(input.image) : null;
  const { postId } = await createPost(user, input, imageUrl);
  if (input.submit) await transitionPost(user, postId, "submit");
  revalidatePath("/library");
  return { postId };
});

export const updatePostAction = action("posts.write", postForm.safeExtend({ postId }), async (input, user) => {
  const imageUrl = isUpload(input.image) ? await storeImage(input.image) : input.removeImage ? null : undefined;
  const result = await updatePost(user, input.postId, input, imageUrl);
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
