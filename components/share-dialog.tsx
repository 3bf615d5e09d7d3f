"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useActionState, useEffect, useId, useState } from "react";
import type { ActionResult } from "@/lib/action";
import { prefilledCaption } from "@/lib/content/captions";
import { X_LIMIT, xLength } from "@/lib/share-intents";

type Network = "linkedin" | "x" | "facebook" | "email" | "copy";
type CopyResult = ActionResult<{ shortUrl: string; caption: string }> | null;
export type ShareablePost = {
  id: number;
  commentary: string;
  commentaryX: string | null;
  commentaryLinkedin: string | null;
  commentaryFacebook: string | null;
  captionLocked: boolean;
  hashtags: string[];
};

// Network names are brands, the same in every language; "email" and "copy" are translated.
const TABS: { network: Network; label: string | null }[] = [
  { network: "linkedin", label: "LinkedIn" },
  { network: "x", label: "X" },
  { network: "facebook", label: "Facebook" },
  { network: "email", label: null },
  { network: "copy", label: null },
];

/**
 * Per network: an editable caption (hashtags appended), X's limit counted live, and a button that opens the
 * network's own share page in a new tab through /api/share, which records the share with the advocate's link.
 * The company's disclosure is pre-filled; a locked caption cannot be edited (the server enforces both).
 */
export function ShareDialog({
  post,
  copyLink,
  disclosure,
}: {
  post: ShareablePost;
  copyLink: (previous: CopyResult, formData: FormData) => Promise<CopyResult>;
  disclosure: string;
}) {
  const id = useId();
  const t = useTranslations("Share");
  const tabLabel = (tab: (typeof TABS)[number]) => tab.label ?? (tab.network === "email" ? t("email") : t("copy"));
  const [network, setNetwork] = useState<Network>("linkedin");
  const [captions, setCaptions] = useState<Record<Network, string>>(
    () =>
      Object.fromEntries(TABS.map((t) => [t.network, prefilledCaption(post, t.network, disclosure)])) as Record<
        Network,
        string
      >,
  );
  const [copyState, copyAction, copying] = useActionState<CopyResult, FormData>(copyLink, null);
  const [copied, setCopied] = useState<string | null>(null);
  const caption = captions[network];
  const xCount = xLength(caption);
  const tooLong = network === "x" && xCount > X_LIMIT;

  useEffect(() => {
    if (copyState?.ok) {
      navigator.clipboard?.writeText(`${copyState.caption}\n\n${copyState.shortUrl}`).then(
        () => setCopied(t("copiedBoth")),
        () => setCopied(null),
      );
    }
  }, [copyState, t]);

  const copyCaption = () =>
    navigator.clipboard?.writeText(caption).then(
      () => setCopied(t("copiedCaption")),
      () => setCopied(null),
    );

  return (
    <div className="mt-3 rounded-lg border border-slate-200">
      <div role="tablist" aria-label={t("shareTo")} className="flex overflow-x-auto border-b border-slate-200 text-sm">
        {TABS.map((tab) => (
          <button
            key={tab.network}
            type="button"
            role="tab"
            id={`${id}-${tab.network}`}
            aria-selected={network === tab.network}
            aria-controls={`${id}-panel`}
            onClick={() => {
              setNetwork(tab.network);
              setCopied(null);
            }}
            className={`whitespace-nowrap px-3 py-2 font-medium ${network === tab.network ? "border-b-2 border-indigo-700 text-indigo-800" : "text-slate-600 hover:text-slate-900"}`}
          >
            {tabLabel(tab)}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-${network}`} className="p-3">
        <label htmlFor={`${id}-caption`} className="block text-sm font-medium text-slate-800">
          {t("caption")}
        </label>
        <textarea
          id={`${id}-caption`}
          rows={4}
          maxLength={3000}
          value={caption}
          readOnly={post.captionLocked}
          onChange={(e) => setCaptions((all) => ({ ...all, [network]: e.target.value }))}
          aria-describedby={`${id}-count`}
          aria-invalid={tooLong}
          className={`mt-1 block w-full rounded-md border px-3 py-2 text-sm ${tooLong ? "border-red-500" : "border-slate-300"}`}
        />
        <p
          id={`${id}-count`}
          className={`mt-1 text-xs ${tooLong ? "text-red-700" : "text-slate-500"}`}
          aria-live="polite"
        >
          {network === "x"
            ? `${t("xCount", { count: xCount, limit: X_LIMIT })}${tooLong ? t("tooLongForX") : ""}`
            : t("count", { count: [...caption].length })}
        </p>
        {post.captionLocked && (
          <p className="mt-1 text-xs text-slate-600" data-testid="caption-locked">
            {t("locked")}
          </p>
        )}
        {network === "facebook" && (
          <p className="mt-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900">{t("facebookNote")}</p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {network === "copy" ? (
            <form action={copyAction}>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="network" value="copy" />
              <input type="hidden" name="caption" value={caption} />
              <Button type="submit" disabled={copying} size="sm">
                {copying ? t("creating") : t("copyTextAndLink")}
              </Button>
            </form>
          ) : (
            <form method="post" action="/api/share" target="_blank" rel="noopener">
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="network" value={network} />
              <input type="hidden" name="caption" value={caption} />
              <Button type="submit" disabled={tooLong} size="sm">
                {network === "email"
                  ? t("shareByEmail")
                  : t("shareOn", { network: tabLabel(TABS.find((tab) => tab.network === network)!) })}
              </Button>
            </form>
          )}
          {network === "facebook" && (
            <Button type="button" onClick={copyCaption} variant="secondary" size="sm">
              {t("copyCaption")}
            </Button>
          )}
          <span aria-live="polite" className="text-sm text-green-700">
            {copied}
          </span>
        </div>
        {network === "copy" && copyState?.ok && (
          <p className="mt-2 flex items-center gap-2 text-sm">
            <label className="shrink-0 text-slate-600" htmlFor={`${id}-link`}>
              {t("yourLink")}
            </label>
            <input
              id={`${id}-link`}
              readOnly
              value={copyState.shortUrl}
              data-testid="tracked-link"
              className="w-full rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
          </p>
        )}
        {copyState && !copyState.ok && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {copyState.error}
          </p>
        )}
      </div>
    </div>
  );
}
