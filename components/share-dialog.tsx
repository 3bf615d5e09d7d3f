"use client";

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

const TABS: { network: Network; label: string }[] = [
  { network: "linkedin", label: "LinkedIn" },
  { network: "x", label: "X" },
  { network: "facebook", label: "Facebook" },
  { network: "email", label: "Email" },
  { network: "copy", label: "Copy" },
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
        () => setCopied("Text and link copied"),
        () => setCopied(null),
      );
    }
  }, [copyState]);

  const copyCaption = () =>
    navigator.clipboard?.writeText(caption).then(
      () => setCopied("Caption copied"),
      () => setCopied(null),
    );

  return (
    <div className="mt-3 rounded-lg border border-slate-200">
      <div role="tablist" aria-label="Share to" className="flex overflow-x-auto border-b border-slate-200 text-sm">
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
            {tab.label}
          </button>
        ))}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-${network}`} className="p-3">
        <label htmlFor={`${id}-caption`} className="block text-sm font-medium text-slate-800">
          Your caption
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
            ? `${xCount} / ${X_LIMIT} characters (your link counts as 23)${tooLong ? ": too long for X" : ""}`
            : `${[...caption].length} characters`}
        </p>
        {post.captionLocked && (
          <p className="mt-1 text-xs text-slate-600" data-testid="caption-locked">
            This caption is locked by your company: it is shared as written.
          </p>
        )}
        {network === "facebook" && (
          <p className="mt-2 rounded-md bg-amber-50 p-2 text-xs text-amber-900">
            Facebook’s share page takes only the link: copy your caption first, then paste it there. Facebook shares
            earn no share points (clicks still do).
          </p>
        )}
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {network === "copy" ? (
            <form action={copyAction}>
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="network" value="copy" />
              <input type="hidden" name="caption" value={caption} />
              <Button type="submit" disabled={copying} size="sm">
                {copying ? "Creating link…" : "Copy text and link"}
              </Button>
            </form>
          ) : (
            <form method="post" action="/api/share" target="_blank" rel="noopener">
              <input type="hidden" name="postId" value={post.id} />
              <input type="hidden" name="network" value={network} />
              <input type="hidden" name="caption" value={caption} />
              <Button type="submit" disabled={tooLong} size="sm">
                {network === "email" ? "Share by email" : `Share on ${TABS.find((t) => t.network === network)!.label}`}
              </Button>
            </form>
          )}
          {network === "facebook" && (
            <Button type="button" onClick={copyCaption} variant="secondary" size="sm">
              Copy caption
            </Button>
          )}
          <span aria-live="polite" className="text-sm text-green-700">
            {copied}
          </span>
        </div>
        {network === "copy" && copyState?.ok && (
          <p className="mt-2 flex items-center gap-2 text-sm">
            <label className="shrink-0 text-slate-600" htmlFor={`${id}-link`}>
              Your link
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
