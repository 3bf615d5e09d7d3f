import type { Metadata } from "next";
import { Suspense } from "react";
import { LibraryNav } from "@/components/library-nav";
import { ListLoading } from "@/components/list-loading";
import { Pager } from "@/components/report/pager";
import { Problems } from "@/components/report/problems";
import { SearchForm } from "@/components/search-form";
import { requirePermission } from "@/lib/auth";
import { listHref, pageBeyondEnd, problemsOf, resolveSearchPage, type SearchParams } from "@/lib/filters";
import { HASHTAGS_PAGE_SIZE, listHashtags } from "@/lib/hashtags";
import { can } from "@/lib/permissions";
import { createHashtagAction, retireHashtagAction, updateHashtagAction } from "./actions";
import { EditHashtag, NewHashtagForm, RetireHashtag } from "./hashtag-forms";
import { TableBox } from "@/components/table-box";

export const metadata: Metadata = { title: "Hashtags" };

export default async function HashtagsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("library.read", "/library/hashtags");
  const { q, page, problems } = resolveSearchPage(await searchParams, "every hashtag");
  const canWrite = can(user.roles, "posts.write");
  return (
    <>
      <LibraryNav user={user} current="hashtags" />
      <h1 className="text-2xl font-semibold">Hashtags</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Posts use only hashtags from this list. <code>#Cloud</code>, <code>cloud</code> and <code>CLOUD</code> are the
        same tag. A retired hashtag stays on the posts that have it but cannot be added to new ones.
      </p>
      {canWrite && (
        <section className="mt-6 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-medium">Add a hashtag</h2>
          <NewHashtagForm create={createHashtagAction} />
        </section>
      )}
      <SearchForm action="/library/hashtags" label="Find hashtags" placeholder="Hashtag or description" q={q} />
      <Suspense key={listHref("", { q, page })} fallback={<ListLoading what="hashtags" />}>
        <HashtagList q={q} page={page} problems={problems} canWrite={canWrite} />
      </Suspense>
    </>
  );
}

async function HashtagList({
  q,
  page,
  problems,
  canWrite,
}: {
  q?: string;
  page: number;
  problems: string[];
  canWrite: boolean;
}) {
  const { items: tags, total } = await listHashtags({ q, page });
  return (
    <>
      <Problems problems={problemsOf(...problems, pageBeyondEnd(page, total, HASHTAGS_PAGE_SIZE))} />
      <p className="mt-4 text-sm text-slate-600" data-testid="hashtag-total">
        {total.toLocaleString("en")} hashtag{total === 1 ? "" : "s"}
        {q ? " match" : ""}
      </p>
      {total === 0 ? (
        <p className="mt-4 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
          {q ? "No hashtag matches." : "No hashtags yet."}
        </p>
      ) : (
        tags.length > 0 && (
          <TableBox
            className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white"
            caption={<>Hashtags, active first, page {page}</>}
            head={
              <>
                <th scope="col" className="px-4 py-2 font-medium">
                  Hashtag
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Description
                </th>
                <th scope="col" className="px-4 py-2 text-right font-medium">
                  Posts
                </th>
                <th scope="col" className="px-4 py-2 font-medium">
                  Status
                </th>
                {canWrite && (
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </>
            }
          >
            {tags.map((tag) => (
              <tr
                key={tag.id}
                className="border-t border-slate-100 align-top"
                data-testid="hashtag-row"
                data-tag={tag.tag}
              >
                <td className="px-4 py-3 font-medium">#{tag.tag}</td>
                <td className="px-4 py-3 text-slate-700">
                  {tag.description ?? <span className="text-slate-500">—</span>}
                </td>
                <td className="px-4 py-3 text-right tabular-nums" data-testid="hashtag-usage">
                  {tag.usage}
                </td>
                <td className="px-4 py-3">
                  {tag.retiredAt ? (
                    <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">Retired</span>
                  ) : (
                    <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs text-green-800">Active</span>
                  )}
                </td>
                {canWrite && (
                  <td className="space-y-2 px-4 py-3 text-right">
                    <RetireHashtag
                      hashtagId={tag.id}
                      tag={tag.tag}
                      retired={!!tag.retiredAt}
                      retire={retireHashtagAction}
                    />
                    <EditHashtag
                      hashtagId={tag.id}
                      tag={tag.tag}
                      description={tag.description}
                      save={updateHashtagAction}
                    />
                  </td>
                )}
              </tr>
            ))}
          </TableBox>
        )
      )}
      <Pager
        page={page}
        total={total}
        pageSize={HASHTAGS_PAGE_SIZE}
        href={(p) => listHref("/library/hashtags", { q, page: p })}
        label="Pages of hashtags"
      />
    </>
  );
}
