import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { jobCounts, listRecentJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";

export const GET = withPermission("admin.manage", async () => NextResponse.json({ counts: await jobCounts(), jobs: await listRecentJobs() }));
