import { otherMethods } from "@/lib/api/methods";
import { apiError, withPermission } from "@/lib/api";
import { complianceRows, resolveComplianceFilters, type ComplianceRow } from "@/lib/content/compliance";
import { csvResponse } from "@/lib/csv";
import { NETWORK_NAMES } from "@/lib/share-intents";

/**
 * GET /api/compliance/export?period=…&from=…&to=…&team=…&post=… — who shared which caption of which post,
 * where and when, as CSV (formula-safe, like every export). Approvers and admins only.
 */
export const GET = withPermission("compliance.read", async (request) => {
  const resolved = await resolveComplianceFilters(Object.fromEntries(new URL(request.url).searchParams));
  if (resolved.error) return apiError("invalid", resolved.error.message, resolved.error.fields);
  const { filters, period, team } = resolved;
  const when = period.from ? `${period.from}-to-${period.to ?? period.today}` : "all-time";
  const filename = ["chorus-compliance", when, team?.name, filters.postId ? `post-${filters.postId}` : null]
    .filter(Boolean)
    .join("-");
  return csvResponse<ComplianceRow>(
    `${filename}.csv`,
    [
      { header: "Shared at (UTC)", value: (r) => r.at.toISOString() },
      { header: "Advocate", value: (r) => r.advocate },
      { header: "Email", value: (r) => r.email },
      { header: "Team", value: (r) => r.team },
      { header: "Post id", value: (r) => r.postId },
      { header: "Post", value: (r) => r.post },
      { header: "Network", value: (r) => NETWORK_NAMES[r.network] },
      { header: "Caption", value: (r) => r.caption },
    ],
    complianceRows(filters),
  );
});
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
