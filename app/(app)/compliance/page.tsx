import { FilterSelect, ShowButton } from "@/components/filter-select";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
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

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("compliance"))("metaTitle") };
}

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
  const t = await getTranslations("compliance");
  const format = await getFormatter();
  const href = (to: number) => `/compliance?${new URLSearchParams({ ...params, page: String(to) })}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">{t("intro", { timeZone: filters.timeZone })}</p>
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
        <FilterSelect label={t("post")} name="post" defaultValue={filters.postId ?? ""}>
          <option value="">{t("allPosts")}</option>
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
          {t("export")}
        </a>
      </form>
      <Problems problems={problems} />
      <p className="mt-4 text-sm text-slate-600">{t("total", { count: total, total: format.number(total) })}</p>
      {items.length > 0 && (
        <section
          className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white"
          aria-label={t("tableLabel")}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
          tabIndex={0}
        >
          <table className="w-full text-left text-sm" data-testid="compliance-table">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("columns.when")}</th>
                <th className="px-3 py-2">{t("columns.advocate")}</th>
                <th className="px-3 py-2">{t("post")}</th>
                <th className="px-3 py-2">{t("columns.network")}</th>
                <th className="px-3 py-2">{t("columns.caption")}</th>
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
                    {row.caption ?? <span className="text-slate-500">{t("notRecorded")}</span>}
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
