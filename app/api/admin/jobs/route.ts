import { NextResponse } from "next/server";
import { z } from "zod";
import { jobStatus } from "@/db/schema";
import { parseOrError, withPermission } from "@/lib/api";
import { cursorParam } from "@/lib/filters";
import { jobCounts, listRecentJobs } from "@/lib/jobs";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const jobsQuery = z
  .object({
    status: z.enum(jobStatus.enumValues).optional(),
    before: cursorParam.optional(),
    after: cursorParam.optional(),
  })
  .refine((query) => query.before === undefined || query.after === undefined, "Send before or after, not both");

/** The queue's counts and a page of its jobs, newest first: `?status=&before=<id>` → { counts, jobs, newer, older }. */
export const GET = withPermission("admin.manage", async (request) => {
  const query = parseOrError(jobsQuery, Object.fromEntries(new URL(request.url).searchParams));
  if ("response" in query) return query.response;
  const { status, ...cursor } = query.data;
  const [counts, { items, newer, older }] = await Promise.all([jobCounts(), listRecentJobs({ status, cursor })]);
  return NextResponse.json({ counts, jobs: items, newer, older });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
