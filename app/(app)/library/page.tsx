import { FilterButtons } from "@/components/ui/filter-buttons";
import { CampaignFilter, HashtagFilter } from "@/components/post-filters";
import { FormSaved } from "@/components/ui/form-message";
import type { Metadata } from "next";
import Link from "next/link";
import { LibraryNav } from "@/components/library-nav";
import { LocalDate } from "@/components/local-date";
import { Pagination } from "@/components/pagination";
import { Problems } from "@/components/report/problems";
import { STATUS_LABELS, StatusBadge } from "@/components/status-badge";
import { Select } from "@/components/ui/select";
import { requirePermission } from "@/lib/auth";
import { droppedParams } from "@/lib/filters";
import { can } from "@/lib/permissions";
import { listLibrary, PAGE_SIZE, postFormOptions, type PostStatus } from "@/lib/posts";
import type { z } from "zod";
import { libraryQuery } from "@/lib/validation";
import { submitPostAction } from "./actions";
import { SubmitForReview } from "./submit-button";
import { TableBox } from "@/components/table-box";
import { LackingFilter, MissingLanguages } from "./languages";

export const metadata: Metadata = { title: "Library" };

const STATUSES = Object.keys(STATUS_LABELS) as PostStatus[];
const DAY = 86_400_000;

type LibraryQuery = z.infer<typeof libraryQuery>;
type Library = Awaited<ReturnType<typeof listLibrary>>;
type Options = Awaited<ReturnType<typeof postFormOptions>>;

export default async function LibraryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePermission("library.read", "/library");
  const raw = await searchParams;
  const query = libraryQuery.parse(raw);
  const [{ items, total, byStatus }, options] = await Promise.all([
    listLibrary({
      page: query.page,
      q: query.q,
      status: query.status,
      hashtag: query.hashtag,
      campaignId: query.campaign,
      lacking: query.lacking,
      from: query.from,
      to: query.to && new Date(query.to.getTime() + DAY),
      sort: query.sort,
    }),
    postFormOptions(),
  ]);
  const canWrite = can(user.roles, "posts.write");
  const href = (patch: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const merged = {
      q: query.q,
      status: query.status,
      hashtag: query.hashtag,
      campaign: query.campaign,
      lacking: query.lacking,
      from: raw.from,
      to: raw.to,
      sort: query.sort,
      page: query.page,
      ...patch,
    };
    for (const [key, value] of Object.entries(merged))
      if (value !== undefined && value !== "") params.set(key, String(value));
    return `/library?${params}`;
  };
  const filtered = !!(query.q || query.hashtag || query.campaign || query.lacking || query.from || query.to);
  return (
    <>
      <LibraryNav user={user} current="posts" />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Library</h1>
        {canWrite && (
          <Link
            href="/library/new"
            className="rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800"
          >
            New post
          </Link>
        )}
      </div>
      {raw.created && <FormSaved className="mt-4">Post saved.</FormSaved>}
      <Problems problems={droppedParams(libraryQuery, raw)} />
      <LibraryFilters query={query} raw={raw} options={options} filtered={filtered} />
      <StatusTabs query={query} byStatus={byStatus} href={href} />
      <LibraryTable
        items={items}
        canWrite={canWrite}
        empty={filtered || query.status ? "No posts match." : "No posts yet."}
      />
      <Pagination page={query.page} total={total} pageSize={PAGE_SIZE} href={(p) => href({ page: p })} />
    </>
  );
}

function LibraryFilters({
  query,
  raw,
  options,
  filtered,
}: {
  query: LibraryQuery;
  raw: Record<string, string | undefined>;
  options: Options;
  filtered: boolean;
}) {
  return (
    <search>
      <form
        method="get"
        className="mt-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm md:grid-cols-6 md:items-end"
      >
        {query.status && <input type="hidden" name="status" value={query.status} />}
        <label className="col-span-2 block">
          <span className="font-medium text-slate-700">Search</span>
          <input
            type="search"
            name="q"
            defaultValue={query.q}
            placeholder="Title, link or text"
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
          />
        </label>
        <HashtagFilter hashtags={options.hashtags} value={query.hashtag} any="Any" />
        <CampaignFilter campaigns={options.campaigns} value={query.campaign} any="Any" />
        <LackingFilter value={query.lacking} />
        <label className="block">
          <span className="font-medium text-slate-700">Created from</span>
          <input
            type="date"
            name="from"
            defaultValue={raw.from}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
          />
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">to</span>
          <input
            type="date"
            name="to"
            defaultValue={raw.to}
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-2"
          />
        </label>
        <label className="block">
          <span className="font-medium text-slate-700">Sort</span>
          <Select name="sort" defaultValue={query.sort}>
            <option value="updated">Recently updated</option>
            <option value="created">Recently created</option>
            <option value="publish">Publish date</option>
            <option value="title">Title A–Z</option>
          </Select>
        </label>
        <div className="col-span-2 flex gap-2 md:col-span-1">
          <FilterButtons
            clearHref={filtered ? (query.status ? `/library?status=${query.status}` : "/library") : null}
          />
        </div>
      </form>
    </search>
  );
}

function StatusTabs({
  query,
  byStatus,
  href,
}: {
  query: LibraryQuery;
  byStatus: Library["byStatus"];
  href: (patch: Record<string, string | number | undefined>) => string;
}) {
  return (
    <nav aria-label="Filter by status" className="mt-4 flex flex-wrap gap-2 text-sm">
      <Link
        href={href({ status: undefined, page: 1 })}
        className={`rounded-full border px-3 py-1 ${!query.status ? "border-indigo-700 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}
      >
        All <span className="text-slate-600">{Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0)}</span>
      </Link>
      {STATUSES.map((s) => (
        <Link
          key={s}
          href={href({ status: s, page: 1 })}
          aria-current={query.status === s ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${query.status === s ? "border-indigo-700 bg-indigo-50 text-indigo-800" : "border-slate-300"}`}
        >
          {STATUS_LABELS[s]} <span className="text-slate-600">{byStatus[s] ?? 0}</span>
        </Link>
      ))}
    </nav>
  );
}

function LibraryTable({ items, canWrite, empty }: { items: Library["items"]; canWrite: boolean; empty: string }) {
  return items.length === 0 ? (
    <p className="mt-8 rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500">
      {empty}
    </p>
  ) : (
    <TableBox
      className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white"
      head={
        <>
          <th scope="col" className="px-4 py-2 font-medium">
            Title
          </th>
          <th scope="col" className="px-4 py-2 font-medium">
            Status
          </th>
          <th scope="col" className="hidden px-4 py-2 font-medium sm:table-cell">
            Author
          </th>
          <th scope="col" className="hidden px-4 py-2 font-medium md:table-cell">
            Updated
          </th>
          <th scope="col" className="px-4 py-2">
            <span className="sr-only">Actions</span>
          </th>
        </>
      }
    >
      {items.map((post) => (
        <tr key={post.id} className="border-t border-slate-100" data-testid="library-row" data-post-id={post.id}>
          <td className="px-4 py-3">
            <Link
              href={`/library/${post.id}`}
              className="font-medium text-slate-900 underline-offset-2 hover:underline"
            >
              {post.title}
            </Link>
            <p className="text-xs text-slate-500">
              {post.hashtags.map((t) => `#${t}`).join(" ")}
              {post.campaign && <> · {post.campaign}</>}
            </p>
            <MissingLanguages languages={post.missingLanguages} />
          </td>
          <td className="px-4 py-3">
            <StatusBadge status={post.status} />
            {post.stale && (
              <span
                className="ml-1 rounded-full bg-orange-100 px-2 py-0.5 text-xs font-medium text-orange-900"
                title="Live, but no share in 14 days"
              >
                Stale
              </span>
            )}
          </td>
          <td className="hidden px-4 py-3 sm:table-cell">{post.author ?? post.authorEmail}</td>
          <td className="hidden px-4 py-3 md:table-cell">
            <LocalDate value={post.updatedAt} />
          </td>
          <td className="px-4 py-3 text-right">
            {canWrite && post.status === "draft" && <SubmitForReview postId={post.id} submit={submitPostAction} />}
          </td>
        </tr>
      ))}
    </TableBox>
  );
}
