import { NextResponse } from "next/server";
import { withPermission } from "@/lib/api";
import { rotateWebhookSecret } from "@/lib/secrets";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Rotates the webhook signing secret; the answer is the only time the new secret is shown. */
export const POST = withPermission("admin.manage", async (_request, { user }) => {
  const { secret } = await rotateWebhookSecret(user.id);
  return NextResponse.json({ secret }, { headers: { "Cache-Control": "no-store" } });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
