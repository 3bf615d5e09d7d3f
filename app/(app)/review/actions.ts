"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { transitionPost } from "@/lib/posts";
import { rejectInput, reviewInput } from "@/lib/validation";

export const approvePostAction = action("posts.review", reviewInput, async ({ postId, comment }, user) => {
  const result = await transitionPost(user, postId, "approve", comment);
  revalidatePath("/review");
  return result;
});

export const rejectPostAction = action("posts.review", rejectInput, async ({ postId, comment }, user) => {
  const result = await transitionPost(user, postId, "reject", comment);
  revalidatePath("/review");
  return result;
});
