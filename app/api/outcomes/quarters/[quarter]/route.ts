import { otherMethods } from "@/lib/api/methods";
import { apiError, withPermission, type RouteContext } from "@/lib/api";
import { getQuarterReport } from "@/lib/outcomes/quarter-report";

/** GET /api/outcomes/quarters/2026-Q4 — the CSV that was attached to that quarter's report mail. */
export const GET = withPermission<RouteContext<{ quarter: string }>>("outcomes.read", async (_request, { params }) => {
  const { quarter } = await params;
  const report = /^\d{4}-Q[1-4]$/.test(quarter) ? await getQuarterReport(quarter) : null;
  if (!report) return apiError("not_found", "There is no report for that quarter.");
  return new Response(report.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="chorus-${quarter}.csv"`,
      "Cache-Control": "no-store",
    },
  });
});
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
