"use client";

import { useState } from "react";
import { siteOf } from "@/components/link-card";
import { suggestedCaption } from "@/lib/share-intents";

export type PreviewPost = {
  title: string;
  url: string;
  imageUrl: string | null;
  commentary: string;
  commentaryLinkedin?: string | null;
  commentaryX?: string | null;
  commentaryFacebook?: string | null;
  hashtags: string[];
};

const NETWORKS = [
  { id: "linkedin", label: "LinkedIn" },
  { id: "x", label: "X" },
  { id: "facebook", label: "Facebook" },
] as const;

/** How the post will look when an advocate shares it, per network (caption, hashtags, link card). */
export function PostPreview({ post }: { post: PreviewPost }) {
  const [network, setNetwork] = useState<(typeof NETWORKS)[number]["id"]>("linkedin");
  const caption = suggestedCaption(post, network);
  return (
    <section aria-label="Preview" className="rounded-xl border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-700">Preview</h2>
        <div role="tablist" aria-label="Preview for" className="flex gap-1 text-xs">
          {NETWORKS.map((n) => (
            <button
              key={n.id}
              type="button"
              role="tab"
              aria-selected={network === n.id}
              onClick={() => setNetwork(n.id)}
              className={`rounded-full px-2 py-1 ${network === n.id ? "bg-indigo-700 text-white" : "bg-slate-100 text-slate-700"}`}
            >
              {n.label}
            </button>
          ))}
        </div>
      </div>
      <div className="mt-3 rounded-lg border border-slate-200" data-testid="preview">
        {network === "facebook" ? (
          <p className="border-b border-slate-100 p-3 text-xs text-slate-500">
            Facebook shares carry only the link; the advocate pastes this text themselves:
          </p>
        ) : null}
        <p className="whitespace-pre-wrap break-words p-3 text-sm" data-testid="preview-caption">
          {caption || <span className="text-slate-500">No commentary</span>}
        </p>
        <div className="border-t border-slate-100">
          {post.imageUrl && (
            // biome-ignore lint/performance/noImgElement: shows the image as networks will, from any host
            <img src={post.imageUrl} alt="" className="aspect-[1.91/1] w-full object-cover" />
          )}
          <div className="bg-slate-50 p-3">
            <p className="text-xs uppercase text-slate-500">{siteOf(post.url)}</p>
            <p className="text-sm font-semibold">{post.title || "Title"}</p>
          </div>
        </div>
      </div>
    </section>
  );
}
