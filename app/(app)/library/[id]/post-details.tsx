import { LocalDate } from "@/components/local-date";
import { LOCALE_NAMES, type Locale } from "@/lib/locale";
import { type getPost, missingLanguages } from "@/lib/posts";

type Post = NonNullable<Awaited<ReturnType<typeof getPost>>>;

/** What a post links to, its tags, audience and live window. */
export function PostDetails({ post }: { post: Post }) {
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-xl border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
      <div className="sm:col-span-2">
        <dt className="text-slate-500">Link</dt>
        <dd className="break-all">
          <a className="text-indigo-700 underline" href={post.url} rel="noopener noreferrer" target="_blank">
            {post.url}
          </a>
        </dd>
      </div>
      <div>
        <dt className="text-slate-500">Hashtags</dt>
        <dd>{post.hashtags.length ? post.hashtags.map((t) => `#${t}`).join(" ") : "—"}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Languages</dt>
        <dd data-testid="post-languages">{languagesLine(post.language, Object.keys(post.variants) as Locale[])}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Campaign</dt>
        <dd>{post.campaign ?? "—"}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Audience</dt>
        <dd>{post.audience === "all" ? "Everyone" : `${post.teamIds.length} team(s)`}</dd>
      </div>
      <div>
        <dt className="text-slate-500">Window</dt>
        <dd>
          {post.publishAt ? <LocalDate value={post.publishAt} /> : "On approval"} →{" "}
          {post.expireAt ? <LocalDate value={post.expireAt} /> : "no expiry"}
        </dd>
      </div>
    </dl>
  );
}

/** "English, with Français. Missing: Deutsch, Español": the post's own language, its variants and what it lacks. */
function languagesLine(language: Locale, variants: Locale[]): string {
  const missing = missingLanguages(language, variants);
  const withVariants = variants.length ? `, with ${variants.map((locale) => LOCALE_NAMES[locale]).join(", ")}` : "";
  const lacking = missing.length ? ` Missing: ${missing.map((locale) => LOCALE_NAMES[locale]).join(", ")}.` : "";
  return `${LOCALE_NAMES[language]}${withVariants}.${lacking}`;
}
