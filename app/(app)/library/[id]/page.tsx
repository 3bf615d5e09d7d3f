import { FormSaved } from "@/components/ui/form-message";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocalDate } from "@/components/local-date";
import { PostPreview } from "@/components/post-preview";
import { STATUS_LABELS, StatusBadge } from "@/components/status-badge";
import { requirePermission } from "@/lib/auth";
import { can } from "@/lib/permissions";
import { getPost, getPostHistory } from "@/lib/posts";
import { postId } from "@/lib/validation";
import { archivePostAction, duplicatePostAction, submitPostAction } from "../actions";
import { PostActions } from "./post-actions";

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
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
            <div className="sm:col-span-2">
              <dt className="text-slate-500">Link</dt>
              <dd className="break-all">
                <a className="text-indigo-700 underline" href={post.url} rel="noopener noreferrer" target="_blank">
                  {post.url}
                </a>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Hashtags</dt>
              <dd>{post.hashtags.length ? post.hashtags.map((t) => `#${t}`).join(" ") : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Campaign</dt>
              <dd>{post.campaign ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Audience</dt>
              <dd>{post.audience === "all" ? "Everyone" : `${post.teamIds.length} team(s)`}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Window</dt>
              <dd>
                {post.publishAt ? <LocalDate value={post.publishAt} /> : "On approval"} →{" "}
                {post.expireAt ? <LocalDate value={post.expireAt} /> : "no expiry"}
              </dd>
            </div>
          </dl>
          <section aria-labelledby="history-heading" className="rounded-xl border border-slate-200 bg-white p-4">
            <h2 id="history-heading" className="text-sm font-semibold text-slate-700">
              History
            </h2>
            <ol className="mt-3 space-y-3 text-sm" data-testid="post-history">
              {history.map((event) => (
                <li key={event.id} className="border-l-2 border-slate-200 pl-3">
                  <p>
                    <span className="font-medium">{event.actor ?? event.actorEmail}</span>{" "}
                    {event.fromStatus ? (
                      <>
                        moved it from {STATUS_LABELS[event.fromStatus]} to {STATUS_LABELS[event.toStatus]}
                      </>
                    ) : (
                      <>created it as {STATUS_LABELS[event.toStatus]}</>
                    )}
                    {" · "}
                    <span className="text-slate-500">
                      <LocalDate value={event.at} />
                    </span>
                  </p>
                  {event.comment && (
                    <p className="mt-1 whitespace-pre-wrap rounded bg-slate-50 p-2 text-slate-700">“{event.comment}”</p>
                  )}
                </li>
              ))}
            </ol>
          </section>
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
