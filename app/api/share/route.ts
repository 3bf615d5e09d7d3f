import { NextResponse } from "next/server";
import { parseOrError, withPermission } from "@/lib/api";
import { readJsonOrForm } from "@/lib/api/body";
import { recordShare } from "@/lib/links";
import { shareForm } from "@/lib/validation";
import { appOrigin } from "@/lib/origin";
import { otherMethods } from "@/lib/api/methods";
import { requestLanguage } from "@/lib/user-language";

/**
 * The feed's share buttons post here in a new tab: the share is recorded and the tab is sent on to the
 * network's share page with the advocate's tracked link. A POST (not a GET link) so no other site can
 * make a signed-in advocate "share" by luring them to a URL.
 */
export const POST = withPermission("posts.share", async (request, { user }) => {
  const form = await readJsonOrForm(request);
  if ("response" in form) return form.response;
  const parsed = parseOrError(shareForm, form.data);
  if ("response" in parsed) return parsed.response;
  const origin = appOrigin();
  const share = await recordShare(user, {
    ...parsed.data,
    origin,
    language: await requestLanguage(user, request.headers.get("accept-language")),
  });
  if (share.intentUrl && !request.headers.get("accept")?.includes("application/json")) {
    return NextResponse.redirect(share.intentUrl, 303);
  }
  return NextResponse.json(share);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
