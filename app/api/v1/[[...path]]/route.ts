import { apiError } from "@/lib/api/errors";

export const dynamic = "force-dynamic";

/** Unknown API paths answer JSON, like every other API error. */
function notFound() {
  return apiError("not_found", "No such API endpoint; see /api/v1/openapi.json.");
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
