import type { Metadata } from "next";
import { PostForm } from "@/components/post-form";
import { requirePermission } from "@/lib/auth";
import { postFormOptions } from "@/lib/posts";
import { createPostAction } from "../actions";

export const metadata: Metadata = { title: "New post" };

export default async function NewPostPage() {
  await requirePermission("posts.write", "/library/new");
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">New post</h1>
      <PostForm save={createPostAction} options={await postFormOptions()} />
    </>
  );
}
