import { otherMethods } from "@/lib/api/methods";
import { z } from "zod";
import { apiError, parseOrError } from "@/lib/api/errors";
import { runNotifications } from "@/lib/notification-jobs";

export const dynamic = "force-dynamic";

const body = z.object({ now: z.iso.datetime({ offset: true }) });

/**
 * Test-only: worker ticks with the given clock until one finds nothing due, so a browser test can make Monday's
 * score run happen without waiting for Monday. Answers 404 unless CHORUS_TEST_HOOKS=1 (the e2e server sets it;
 * never in production).
 */
export async function POST(request: Request) {
  if (process.env.CHORUS_TEST_HOOKS !== "1") return apiError("not_found", "Not found.");
  const parsed = parseOrError(body, await request.json().catch(() => null));
  if ("response" in parsed) return parsed.response;
  const now = new Date(parsed.data.now);
  const total = { ticks: 0, done: 0, retried: 0, failed: 0 };
  for (let ran = 1; ran > 0 && total.ticks < 50; total.ticks++) {
    const tick = await runNotifications(now);
    ran = tick.done + tick.retried + tick.failed;
    total.done += tick.done;
    total.retried += tick.retried;
    total.failed += tick.failed;
  }
  return Response.json(total);
}
export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
