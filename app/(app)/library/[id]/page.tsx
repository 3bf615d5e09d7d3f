import { FormSaved } from "@/components/ui/form-message";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PostPreview } from "@/components/post-preview";
import { StatusBadge } from "@/components/status-badge";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { getPost, getPostHistory } from "@/lib/posts";
import { postId } from "@/lib/validation";
import { archivePostAction, duplicatePostAction, submitPostAction } from "../actions";
import { PostActions } from "./post-actions";
import { PostDetails } from "./post-details";
import { PostHistory } from "./post-history";

export const metadata: Metadata = { title: "Post" };

export default async function PostPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ saved?: string }>;
}) {
  const { id } = await params;
  const user = await requirePermission("library.read", `/library/${id}`);
  const parsed = postId.safeParse(id);
  const post = parsed.success ? await getPost(parsed.data) : null;
  if (!post) notFound();
  const history = await getPostHistory(post.id);
  const { saved } = await searchParams;
  const now = new Date();
  const live =
    post.status === "approved" && (!post.publishAt || post.publishAt <= now) && (!post.expireAt || post.expireAt > now);
  return (
    <>
      <p className="text-sm">
        <Link href="/library" className="text-indigo-700 underline">
          ← Library
        </Link>
      </p>
      {saved && <FormSaved className="mt-3">Post saved.</FormSaved>}
      <div className="mt-3 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold" data-testid="post-title">
            {post.title}
          </h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <span data-testid="post-status">
              <StatusBadge status={post.status} />
            </span>
            {live && <span className="rounded-full bg-green-600 px-2 py-0.5 text-xs font-medium text-white">Live</span>}
            by {post.author ?? post.authorEmail}
          </p>
        </div>
        {can(user.roles, "posts.write") && (
          <PostActions
            postId={post.id}
            status={post.status}
            submit={submitPostAction}
            archive={archivePostAction}
            duplicate={duplicatePostAction}
          />
        )}
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          <PostDetails post={post} />
          <PostHistory history={history} />
        </div>
        <PostPreview
          post={{
            title: post.title,
            url: post.url,
            imageUrl: post.imageUrl,
            commentary: post.commentary,
            commentaryLinkedin: post.commentaryLinkedin,
            commentaryX: post.commentaryX,
            commentaryFacebook: post.commentaryFacebook,
            hashtags: post.hashtags,
          }}
        />
      </div>
    </>
  );
}
