"use server";

import { action } from "@/lib/action";
import { recordShare } from "@/lib/links";
import { shareForm } from "@/lib/validation";
import { appOrigin } from "@/lib/origin";
import { requestLanguage } from "@/lib/user-language";

/** "Copy text and link": records a share on the copy channel and hands back the tracked link. */
export const copyLink = action("posts.share", shareForm, async (input, user) => {
  const origin = appOrigin();
  const share = await recordShare(user, { ...input, origin, language: await requestLanguage(user) });
  return { shortUrl: share.shortUrl, caption: share.caption };
});
