import { NextResponse } from "next/server";
import { z } from "zod";
import { parseOrError, withPermission } from "@/lib/api";
import { readJson } from "@/lib/api/body";
import { otherMethods } from "@/lib/api/methods";
import { pushSubscriptionInput, removeSubscription, saveSubscription, vapidKeys } from "@/lib/push";

/** The key a browser subscribes with (public by design), and whether Chorus sends pushes at all. */
export const GET = withPermission("feed.read", async () => NextResponse.json({ publicKey: vapidKeys().publicKey }));

/** Turns notifications on for this device: the browser's PushSubscription.toJSON(). */
export const POST = withPermission("feed.read", async (request, { user }) => {
  const body = await readJson(request, { limit: 8 * 1024 });
  if ("response" in body) return body.response;
  const parsed = parseOrError(pushSubscriptionInput, body.data);
  if ("response" in parsed) return parsed.response;
  await saveSubscription(user.id, parsed.data);
  return NextResponse.json({ subscribed: true }, { status: 201 });
});

/** Turns them off for this device; only the person's own subscription can be removed. */
export const DELETE = withPermission("feed.read", async (request, { user }) => {
  const body = await readJson(request, { limit: 8 * 1024 });
  if ("response" in body) return body.response;
  const parsed = parseOrError(z.object({ endpoint: z.string().max(2000) }), body.data);
  if ("response" in parsed) return parsed.response;
  const removed = await removeSubscription(user.id, parsed.data.endpoint);
  return NextResponse.json({ removed });
});

export const { PUT, PATCH } = otherMethods("GET", "POST", "DELETE");
