import { NextResponse } from "next/server";
import { getClickWriter } from "@/lib/click-writer";
import { databaseHealth, replicaHealth } from "@/lib/health";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/**
 * For load balancers and orchestrators: 200 when the database answers and its migrations are current; also the
 * clicks waiting to be written and the journal's backlog and drops (docs/architecture.md#click-journal), and the
 * read replica's lag when DATABASE_READ_URL is set (null without one; not part of the status).
 */
export async function GET() {
  const [health, replica] = await Promise.all([databaseHealth(), replicaHealth()]);
  // The redirect's clicks: waiting to be written, and the local journal that holds them meanwhile.
  const clicks = getClickWriter().health();
  return NextResponse.json(
    { ...health, replica, clicks },
    { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
