import { FilterSelect, ShowButton } from "@/components/filter-select";
import type { Metadata } from "next";
import { LibraryNav } from "@/components/library-nav";
import { LocalDate } from "@/components/local-date";
import { Pagination } from "@/components/pagination";
import { requirePermission } from "@/lib/auth";
import { INBOX_PAGE_SIZE, inboxQuery, inboxSources, listInbox } from "@/lib/content/suggestions";
import { acceptAction, declineAction } from "./actions";
import { InboxControls } from "./inbox-controls";

export const metadata: Metadata = { title: "Inbox" };

/** Suggestions from advocates and new items from the content sources, worked by curators. */
export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const user = await requirePermission("suggestions.review", "/library/inbox");
  const query = inboxQuery.parse(await searchParams);
  const [{ items, total }, sources] = await Promise.all([listInbox(query), inboxSources()]);
  const params = (page: number) => {
    const p = new URLSearchParams({ page: String(page), status: query.status });
    if (query.q) p.set("q", query.q);
    if (query.source) p.set("source", String(query.source));
    return `/library/inbox?${p}`;
  };
  return (
    <>
      <LibraryNav user={user} current="inbox" />
      <h1 className="text-2xl font-semibold">Inbox</h1>
      <form method="get" action="/library/inbox" className="mt-4 flex flex-wrap items-end gap-3 text-sm">
        <label className="font-medium text-slate-700">
          Search
          <input name="q" defaultValue={query.q} className="mt-1 block rounded-md border border-slate-300 px-2 py-2" />
        </label>
        <FilterSelect label="State" name="status" defaultValue={query.status}>
          <option value="pending">Waiting</option>
          <option value="accepted">Accepted</option>
          <option value="declined">Declined</option>
        </FilterSelect>
        <FilterSelect label="Source" name="source" defaultValue={query.source ? String(query.source) : ""}>
          <option value="">All sources</option>
          <option value="advocates">Advocates' suggestions</option>
          {sources.map((source) => (
            <option key={source.id} value={source.id}>
              {source.name}
            </option>
          ))}
        </FilterSelect>
        <ShowButton />
      </form>
      <p className="mt-4 text-sm text-slate-600">{total} in the inbox</p>
      <ul className="mt-2 space-y-3">
        {items.map((item) => (
          <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="inbox-item">
            <p className="font-medium">{item.title ?? item.url}</p>
            <a
              href={item.url}
              className="break-all text-sm text-indigo-700 underline"
              rel="noopener noreferrer"
              target="_blank"
            >
              {item.url}
            </a>
            <p className="mt-1 text-xs text-slate-500">
              {item.source ? `From the feed ${item.source}` : `Suggested by ${item.suggestedBy}`} ·{" "}
              <LocalDate value={item.createdAt} />
            </p>
            {item.note && <p className="mt-2 text-sm">“{item.note}”</p>}
            {item.summary && <p className="mt-2 text-sm text-slate-700">{item.summary}</p>}
            {item.comment && <p className="mt-2 text-sm text-slate-600">Declined: {item.comment}</p>}
            {item.status === "pending" && (
              <InboxControls suggestionId={item.id} accept={acceptAction} decline={declineAction} />
            )}
          </li>
        ))}
      </ul>
      <Pagination page={query.page} total={total} pageSize={INBOX_PAGE_SIZE} href={params} />
    </>
  );
}
