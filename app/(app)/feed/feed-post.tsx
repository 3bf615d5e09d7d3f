import Link from "next/link";
import { useTranslations } from "next-intl";
import { LinkCard } from "@/components/link-card";
import { LocalDate } from "@/components/local-date";
import { ShareDialog } from "@/components/share-dialog";
import type { listFeed } from "@/lib/posts";
import { NETWORK_NAMES } from "@/lib/share-intents";
import { copyLink } from "./actions";

type FeedItem = Awaited<ReturnType<typeof listFeed>>["items"][number];

/** One live post of the feed: its link card as the networks show it, how often it was shared, and the share dialog. */
export function FeedPost({ post, disclosure }: { post: FeedItem; disclosure: string }) {
  const t = useTranslations("Feed");
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5" data-testid="feed-post">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 lang={post.language} className="text-lg font-semibold">
          {post.title}
        </h2>
        <span className="text-xs text-slate-500">
          <LocalDate value={post.publishedAt} /> ·{" "}
          {post.totalShares > 0 ? (
            <Link href={`/activity?post=${post.id}`} className="underline hover:text-indigo-700">
              {t("shared", { count: post.totalShares })}
            </Link>
          ) : (
            t("shared", { count: 0 })
          )}
        </span>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {post.hashtags.map((t) => `#${t}`).join(" ")}
        {post.campaign && <> · {t("campaign", { name: post.campaign })}</>}
        {post.suggestedBy && <span data-testid="suggested-by"> · {t("suggestedBy", { name: post.suggestedBy })}</span>}
      </p>
      <LinkCard url={post.url} title={post.title} imageUrl={post.imageUrl} />
      {post.sharedTo.length > 0 && (
        <p
          className="mt-2 inline-block rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-800"
          data-testid="shared-badge"
        >
          {t("youShared", { networks: post.sharedTo.map((n) => NETWORK_NAMES[n]).join(", ") })}
        </p>
      )}
      {/* Only what the dialog uses: every prop of a client component is sent to the browser a second time. */}
      <ShareDialog
        post={{
          id: post.id,
          commentary: post.commentary,
          commentaryX: post.commentaryX,
          commentaryLinkedin: post.commentaryLinkedin,
          commentaryFacebook: post.commentaryFacebook,
          captionLocked: post.captionLocked,
          hashtags: post.hashtags,
        }}
        copyLink={copyLink}
        disclosure={disclosure}
      />
    </li>
  );
}
