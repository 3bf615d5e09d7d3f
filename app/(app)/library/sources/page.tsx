import type { Metadata } from "next";
import Link from "next/link";
import { LibraryNav } from "@/components/library-nav";
import { LocalDate } from "@/components/local-date";
import { Pagination } from "@/components/pagination";
import { requirePermission } from "@/lib/auth";
import { campaignOptions } from "@/lib/campaigns";
import { listSources, SOURCES_PAGE_SIZE } from "@/lib/content/sources";
import { first, pageOf, type SearchParams } from "@/lib/filters";
import { listTeams } from "@/lib/teams";
import { rowId } from "@/lib/validation";
import { createSourceAction, removeSourceAction, updateSourceAction } from "./actions";
import { RemoveSource } from "./remove-source";
import { SourceForm } from "./source-form";

export const metadata: Metadata = { title: "Content sources" };

type Source = Awaited<ReturnType<typeof listSources>>["items"][number];

/** The company's RSS and Atom feeds, polled every 30 minutes into the inbox (README "Content sources"). */
export default async function SourcesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePermission("suggestions.review", "/library/sources");
  const params = await searchParams;
  const { page } = pageOf(params);
  const editing = rowId.safeParse(first(params.edit)).data;
  const [{ items, total }, campaigns, teams] = await Promise.all([listSources(page), campaignOptions(), listTeams()]);
  const edited = items.find((source) => source.id === editing);
  const formProps = { campaigns, teams };
  return (
    <>
      <LibraryNav user={user} current="sources" />
      <h1 className="text-2xl font-semibold">Content sources</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        RSS and Atom feeds read every 30 minutes: each new item lands in the <Link href="/library/inbox">inbox</Link>,
        tagged with its feed. A draft made from it starts with the feed's hashtags, campaign and audience.
      </p>
      <p className="mt-4 text-sm text-slate-600">
        {total} source{total === 1 ? "" : "s"}
      </p>
      <ul className="mt-2 space-y-3" aria-label="Sources">
        {items.map((source) => (
          <SourceRow key={source.id} source={source} page={page} />
        ))}
      </ul>
      <Pagination page={page} total={total} pageSize={SOURCES_PAGE_SIZE} href={(p) => `/library/sources?page=${p}`} />
      <section className="mt-8 max-w-2xl rounded-lg border border-slate-200 bg-white p-4">
        {edited ? (
          <>
            <h2 className="mb-3 text-lg font-medium">Edit {edited.name}</h2>
            <SourceForm
              key={edited.id}
              save={updateSourceAction}
              sourceId={edited.id}
              initial={edited}
              submitLabel="Save source"
              {...formProps}
            />
            <Link href={`/library/sources?page=${page}`} className="mt-3 inline-block text-sm">
              Cancel
            </Link>
          </>
        ) : (
          <>
            <h2 className="mb-3 text-lg font-medium">Add a feed</h2>
            <SourceForm save={createSourceAction} submitLabel="Add feed" {...formProps} />
          </>
        )}
      </section>
    </>
  );
}

function SourceRow({ source, page }: { source: Source; page: number }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4" data-testid="source-row">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="font-medium">{source.name}</p>
          <p className="break-all text-sm text-slate-600">{source.url}</p>
          <p className="mt-1 text-xs text-slate-500">
            {source.items} item{source.items === 1 ? "" : "s"} ·{" "}
            {source.lastSuccessAt ? (
              <>
                last worked <LocalDate value={source.lastSuccessAt} />
              </>
            ) : (
              "not read yet"
            )}
            {source.hashtags.length > 0 && <> · {source.hashtags.map((tag) => `#${tag}`).join(" ")}</>}
          </p>
          {source.lastError && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              Last poll failed
              {source.lastPolledAt && (
                <>
                  {" "}
                  (<LocalDate value={source.lastPolledAt} />)
                </>
              )}
              : {source.lastError}
            </p>
          )}
        </div>
        <div className="flex gap-2">
          <Link
            href={`/library/sources?page=${page}&edit=${source.id}`}
            className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-100"
            aria-label={`Edit ${source.name}`}
          >
            Edit
          </Link>
          <RemoveSource sourceId={source.id} name={source.name} remove={removeSourceAction} />
        </div>
      </div>
    </li>
  );
}
