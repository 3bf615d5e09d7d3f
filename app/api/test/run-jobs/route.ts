import { z } from "zod";
import { apiError, parseOrError } from "@/lib/api-errors";
import { runNotifications } from "@/lib/notification-jobs";

export const dynamic = "force-dynamic";

const body = z.object({ now: z.iso.datetime({ offset: true }) });

/**
 * Test-only: one worker tick with the given clock, so a browser test can make Monday's score run happen
 * without waiting for Monday. Answers 404 unless CHORUS_TEST_HOOKS=1 (the e2e server sets it; never in production).
 */
export async function POST(request: Request) {
  if (process.env.CHORUS_TEST_HOOKS !== "1") return apiError("not_found", "Not found.");
  const parsed = parseOrError(body, await request.json().catch(() => null));
  if ("response" in parsed) return parsed.response;
  return Response.json(await runNotifications(new Date(parsed.data.now)));
}
