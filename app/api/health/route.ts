import { NextResponse } from "next/server";
import { databaseHealth } from "@/lib/health";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** For load balancers and orchestrators: 200 when the database answers and its migrations are current. */
export async function GET() {
  const health = await databaseHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
