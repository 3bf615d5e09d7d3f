import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { requirePermission } from "@/lib/auth";
import { listReviewQueue } from "@/lib/posts";
import { approvePostAction, rejectPostAction } from "./actions";
import { ReviewControls } from "./review-card";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const user = await requirePermission("posts.review", "/review");
  const queue = await listReviewQueue();
  return (
    <>
      <h1 className="text-2xl font-semibold">Review</h1>
      <p className="mt-1 text-sm text-slate-600">Posts waiting for approval, oldest first.</p>
      {queue.length === 0 && <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">Nothing to review.</p>}
      <ul className="mt-6 space-y-4">
        {queue.map((post) => (
          <li key={post.id} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="review-post">
            <h2 className="text-lg font-semibold">{post.title}</h2>
            <a href={post.url} className="break-all text-sm text-indigo-700 underline" rel="noopener noreferrer" target="_blank">{post.url}</a>
            <p className="mt-2 whitespace-pre-wrap text-sm">{post.commentary}</p>
            <p className="mt-1 text-sm text-slate-500">{post.hashtags.map((t) => `#${t}`).join(" ")}</p>
            <p className="mt-2 text-xs text-slate-500">By {post.author ?? post.authorEmail} · <LocalDate value={post.updatedAt} /></p>
            <ReviewControls postId={post.id} ownPost={post.authorId === user.id} approve={approvePostAction} reject={rejectPostAction} />
          </li>
        ))}
      </ul>
    </>
  );
}
