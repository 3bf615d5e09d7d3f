import { PostLink } from "@/components/post-link";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { ListLoading } from "@/components/list-loading";
import { LocalDate } from "@/components/local-date";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth";
import { listHref, pageBeyondEnd, problemsOf, resolveSearchPage, type SearchParams } from "@/lib/filters";
import { listReviewQueue, REVIEW_PAGE_SIZE } from "@/lib/posts";
import { approvePostAction, rejectPostAction } from "./actions";
import { ReviewControls } from "./review-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("posts.review", "/review");
  const { q, page, problems } = resolveSearchPage(await searchParams, "every post waiting");
  const t = await getTranslations("review");
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SearchForm
        action="/review"
        label={t("searchLabel")}
        placeholder={t("searchPlaceholder")}
        q={q}
        className="mt-4"
      />
      <Suspense key={listHref("", { q, page })} fallback={<ListLoading what={t("loading")} />}>
        <Queue q={q} page={page} problems={problems} reviewerId={user.id} />
      </Suspense>
    </>
  );
}

async function Queue({
  q,
  page,
  problems,
  reviewerId,
}: {
  q: string | undefined;
  page: number;
  problems: string[];
  reviewerId: string;
}) {
  const { items, total } = await listReviewQueue({ page, q });
  const t = await getTranslations("review");
  const format = await getFormatter();
  return (
    <>
      <p className="mt-1 text-sm text-slate-600">
        <span className="font-medium text-slate-900" data-testid="review-total">
          {t("waiting", { count: total, total: format.number(total) })}
        </span>{" "}
        {q ? t("forApprovalMatching", { q }) : t("forApproval")}
      </p>
      <Problems problems={[...problems, ...problemsOf(pageBeyondEnd(page, total, REVIEW_PAGE_SIZE))]} />
      {total === 0 && (
        <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {q ? t("noMatch") : t("empty")}
        </p>
      )}
      {items.length > 0 && (
        <ul className="mt-6 space-y-4" aria-label={t("listLabel")}>
          {items.map((post) => (
            <li
              key={post.id}
              className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm"
              data-testid="review-post"
            >
              <h2 className="text-lg font-semibold">{post.title}</h2>
              <PostLink url={post.url} />
              <p className="mt-2 whitespace-pre-wrap text-sm">{post.commentary}</p>
              <p className="mt-1 text-sm text-slate-500">{post.hashtags.map((t) => `#${t}`).join(" ")}</p>
              <p className="mt-2 text-xs text-slate-500">
                {t("by", { author: post.author ?? post.authorEmail })} · <LocalDate value={post.updatedAt} />
              </p>
              <ReviewControls
                postId={post.id}
                ownPost={post.authorId === reviewerId}
                approve={approvePostAction}
                reject={rejectPostAction}
              />
            </li>
          ))}
        </ul>
      )}
      <Pager
        page={page}
        total={total}
        pageSize={REVIEW_PAGE_SIZE}
        href={(p) => listHref("/review", { q, page: p })}
        label={t("pages")}
      />
    </>
  );
}
