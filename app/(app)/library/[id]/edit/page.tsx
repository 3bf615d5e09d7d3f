import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostForm } from "@/components/post-form";
import { requirePermission } from "@/lib/auth";
import { getPost, postFormOptions } from "@/lib/posts";
import { postId } from "@/lib/validation";
import { updatePostAction } from "../../actions";

export const metadata: Metadata = { title: "Edit post" };

export default async function EditPostPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePermission("posts.write", `/library/${id}/edit`);
  const parsed = postId.safeParse(id);
  const post = parsed.success ? await getPost(parsed.data) : null;
  if (!post || post.status === "archived") notFound();
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Edit post</h1>
      <PostForm
        save={updatePostAction}
        options={await postFormOptions()}
        initial={{
          ...post,
          publishAt: post.publishAt?.toISOString() ?? null,
          expireAt: post.expireAt?.toISOString() ?? null,
          captionLocked: post.captionLocked,
        }}
      />
    </>
  );
}
