import { FilterSelect, ShowButton } from "@/components/filter-select";
import type { Metadata } from "next";
import { LocalDate } from "@/components/local-date";
import { Pagination } from "@/components/pagination";
import { Problems } from "@/components/report/problems";
import { ReportFilters } from "@/components/report/report-filters";
import { requirePermission } from "@/lib/auth";
import {
  COMPLIANCE_PAGE_SIZE,
  listComplianceShares,
  resolveComplianceFilters,
  sharedPostOptions,
} from "@/lib/content/compliance";
import { first, resolvePage, type SearchParams } from "@/lib/filters";
import { periodParams } from "@/lib/periods";
import { NETWORK_NAMES } from "@/lib/share-intents";

export const metadata: Metadata = { title: "Compliance" };

/** The compliance record (approvers and admins): every share with the exact caption it opened with. */
export default async function CompliancePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requirePermission("compliance.read", "/compliance");
  const raw = await searchParams;
  const query = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, first(value)]));
  const { page, problem } = resolvePage(query.page);
  let resolved = await resolveComplianceFilters(query);
  const problems = [problem, resolved.error?.message].filter((p): p is string => !!p);
  if (resolved.error) resolved = await resolveComplianceFilters({});
  if (resolved.error) throw new Error("default compliance filters refused");
  const { filters, period, teams } = resolved;
  const [{ items, total }, postOptions] = await Promise.all([listComplianceShares(filters, page), sharedPostOptions()]);
  const params = {
    ...periodParams(period),
    ...(filters.teamId ? { team: String(filters.teamId) } : {}),
    ...(filters.postId ? { post: String(filters.postId) } : {}),
  };
  const href = (to: number) => `/compliance?${new URLSearchParams({ ...params, page: String(to) })}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">Compliance record</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        Who shared which caption of which post, where and when: the caption is stored exactly as the share opened with
        it. Days run on {filters.timeZone} time.
      </p>
      <ReportFilters
        action="/compliance"
        period={period.kind}
        from={period.from}
        to={period.to}
        teams={teams}
        teamId={filters.teamId}
        hidden={filters.postId ? { post: String(filters.postId) } : {}}
      />
      <form method="get" action="/compliance" className="mt-2 flex flex-wrap items-end gap-2 text-sm">
        {Object.entries(params)
          .filter(([key]) => key !== "post")
          .map(([key, value]) => (
            <input key={key} type="hidden" name={key} value={value} />
          ))}
        <FilterSelect label="Post" name="post" defaultValue={filters.postId ?? ""}>
          <option value="">All posts</option>
          {postOptions.map((post) => (
            <option key={post.id} value={post.id}>
              {post.title}
            </option>
          ))}
        </FilterSelect>
        <ShowButton />
        <a
          href={`/api/compliance/export?${new URLSearchParams(params)}`}
          className="ml-auto rounded-md bg-indigo-700 px-3 py-2 font-medium text-white hover:bg-indigo-800"
          data-testid="compliance-export"
        >
          Export CSV
        </a>
      </form>
      <Problems problems={problems} />
      <p className="mt-4 text-sm text-slate-600">
        {total.toLocaleString("en")} share{total === 1 ? "" : "s"}
      </p>
      {items.length > 0 && (
        <section
          className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white"
          aria-label="Shares with their captions"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
        >
          <table className="w-full text-left text-sm" data-testid="compliance-table">
            <caption className="sr-only">Shares with their captions, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">When</th>
                <th className="px-3 py-2">Advocate</th>
                <th className="px-3 py-2">Post</th>
                <th className="px-3 py-2">Network</th>
                <th className="px-3 py-2">Caption</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((row) => (
                <tr key={row.id}>
                  <td className="whitespace-nowrap px-3 py-2">
                    <LocalDate value={row.at} />
                  </td>
                  <td className="px-3 py-2">
                    {row.advocate}
                    {row.team && <span className="block text-xs text-slate-500">{row.team}</span>}
                  </td>
                  <td className="px-3 py-2">{row.post}</td>
                  <td className="px-3 py-2">{NETWORK_NAMES[row.network]}</td>
                  <td className="whitespace-pre-wrap break-words px-3 py-2">
                    {row.caption ?? (
                      <span className="text-slate-500">not recorded (shared before captions were kept)</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination page={page} total={total} pageSize={COMPLIANCE_PAGE_SIZE} href={href} />
    </>
  );
}
