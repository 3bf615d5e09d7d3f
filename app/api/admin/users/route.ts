import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { listUsers } from "@/lib/users";

export const dynamic = "force-dynamic";

export const GET = withPermission("admin.manage", async () => NextResponse.json({ users: await listUsers() }));
