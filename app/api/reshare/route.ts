import { NextResponse } from "next/server";
import { parseOrError, withPermission } from "@/lib/api";
import { readJsonOrForm } from "@/lib/api/body";
import { reshareInternally } from "@/lib/reshares";
import { reshareForm } from "@/lib/validation";
import { appOrigin } from "@/lib/origin";
import { otherMethods } from "@/lib/api/methods";
import { requestLanguage } from "@/lib/user-language";

/** The activity feed's reshare buttons post here in a new tab, like /api/share. */
export const POST = withPermission("posts.share", async (request, { user }) => {
  const form = await readJsonOrForm(request);
  if ("response" in form) return form.response;
  const parsed = parseOrError(reshareForm, form.data);
  if ("response" in parsed) return parsed.response;
  const origin = appOrigin();
  const reshare = await reshareInternally(user, {
    ...parsed.data,
    origin,
    language: await requestLanguage(user, request.headers.get("accept-language")),
  });
  if (reshare.intentUrl && !request.headers.get("accept")?.includes("application/json"))
    return NextResponse.redirect(reshare.intentUrl, 303);
  return NextResponse.json(reshare);
});

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
