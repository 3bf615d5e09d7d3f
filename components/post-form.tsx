"use client";

import { FormAlert } from "@/components/ui/form-message";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { PostPreview } from "@/components/post-preview";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";
import { imageTooLarge, MAX_IMAGE_BYTES } from "@/lib/image-limits";
import { X_LIMIT, xLength } from "@/lib/share-intents";

type Result = ActionResult<{ postId: number }> | null;

export type PostFormValues = {
  id?: number;
  title: string;
  url: string;
  commentary: string;
  commentaryLinkedin: string | null;
  commentaryX: string | null;
  commentaryFacebook: string | null;
  hashtags: string[];
  campaignId: number | null;
  audience: "all" | "teams";
  teamIds: number[];
  publishAt: string | null;
  expireAt: string | null;
  imageUrl: string | null;
  captionLocked?: boolean;
  status?: string;
};

type Options = { hashtags: string[]; campaigns: { id: number; name: string }[]; teams: { id: number; name: string }[] };

/** ISO → the value a datetime-local input shows, in the reader's own time zone. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function Counter({ length, limit, id }: { length: number; limit: number; id: string }) {
  return (
    <p
      id={id}
      aria-live="polite"
      className={`mt-1 text-xs ${length > limit ? "font-medium text-red-700" : "text-slate-500"}`}
    >
      {length} / {limit.toLocaleString()}
    </p>
  );
}

export function PostForm({
  save,
  initial,
  options,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  initial?: PostFormValues;
  options: Options;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const router = useRouter();
  const [values, setValues] = useState({
    title: initial?.title ?? "",
    url: initial?.url ?? "",
    commentary: initial?.commentary ?? "",
    commentaryLinkedin: initial?.commentaryLinkedin ?? "",
    commentaryX: initial?.commentaryX ?? "",
    commentaryFacebook: initial?.commentaryFacebook ?? "",
    hashtags: initial?.hashtags.join(" ") ?? "",
  });
  const [audience, setAudience] = useState(initial?.audience ?? "all");
  const [captionLocked, setCaptionLocked] = useState(initial?.captionLocked ?? false);
  const [publishLocal, setPublishLocal] = useState("");
  const [expireLocal, setExpireLocal] = useState("");
  const [imagePreview, setImagePreview] = useState<string | null>(initial?.imageUrl ?? null);
  // Kept in state: React resets a form's uncontrolled fields after each submission, and a refused fetch should not untick it.
  const [imageFromLink, setImageFromLink] = useState(false);
  // Checked here, before anything is sent: a body past the server's limit would be refused whole, and the form with it.
  const [imageError, setImageError] = useState<string | null>(null);
  useEffect(() => {
    setPublishLocal(toLocalInput(initial?.publishAt ?? null));
    setExpireLocal(toLocalInput(initial?.expireAt ?? null));
  }, [initial?.publishAt, initial?.expireAt]);
  useEffect(() => {
    if (state?.ok) router.push(`/library/${state.postId}?saved=1`);
  }, [state, router]);

  const fields = state && !state.ok ? state.fields : undefined;
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const hashtags = values.hashtags
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#+/, "").toLowerCase())
    .filter(Boolean);
  const xCount = values.commentaryX ? xLength(values.commentaryX) : 0;

  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <form action={formAction} className="space-y-5" noValidate>
        {state && !state.ok && <FormAlert>{state.error}</FormAlert>}
        {initial?.status === "approved" && (
          <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
            This post is approved and live. Saving changes sends it back to review.
          </p>
        )}
        {initial?.id && <input type="hidden" name="postId" value={initial.id} />}
        <TextField
          label="Title"
          name="title"
          required
          maxLength={200}
          value={values.title}
          onChange={set("title")}
          errors={fields?.title}
        />
        <TextField
          label="Link to share"
          name="url"
          type="url"
          required
          placeholder="https://example.com/article"
          value={values.url}
          onChange={set("url")}
          errors={fields?.url}
          hint="http:// or https:// only. Your own tracking parameters are kept."
        />
        <div>
          <TextAreaField
            label="Suggested commentary"
            name="commentary"
            rows={4}
            maxLength={3000}
            value={values.commentary}
            onChange={set("commentary")}
            errors={fields?.commentary}
            aria-describedby="commentary-count"
          />
          <Counter id="commentary-count" length={[...values.commentary].length} limit={3000} />
        </div>
        <details
          className="rounded-lg border border-slate-200 bg-white p-3"
          open={!!(values.commentaryLinkedin || values.commentaryX || values.commentaryFacebook || fields?.commentaryX)}
        >
          <summary className="cursor-pointer text-sm font-medium">Network variants (optional)</summary>
          <div className="mt-3 space-y-4">
            <div>
              <TextAreaField
                label="LinkedIn text"
                name="commentaryLinkedin"
                rows={3}
                value={values.commentaryLinkedin}
                onChange={set("commentaryLinkedin")}
                errors={fields?.commentaryLinkedin}
              />
              <Counter id="linkedin-count" length={[...values.commentaryLinkedin].length} limit={3000} />
            </div>
            <div>
              <TextAreaField
                label="X text"
                name="commentaryX"
                rows={3}
                value={values.commentaryX}
                onChange={set("commentaryX")}
                errors={fields?.commentaryX}
                hint="X counts any link as 23 characters."
              />
              <Counter id="x-count" length={xCount} limit={X_LIMIT} />
            </div>
            <TextAreaField
              label="Facebook text"
              name="commentaryFacebook"
              rows={3}
              value={values.commentaryFacebook}
              onChange={set("commentaryFacebook")}
              errors={fields?.commentaryFacebook}
              hint="Facebook does not let us pre-fill it: advocates copy it themselves."
            />
          </div>
        </details>
        <div>
          <TextField
            label="Hashtags"
            name="hashtags"
            list="hashtag-options"
            placeholder="cloud, hiring"
            value={values.hashtags}
            onChange={set("hashtags")}
            errors={fields?.hashtags}
            hint="From the managed list; separated by commas or spaces; # is optional."
          />
          <datalist id="hashtag-options">
            {options.hashtags.map((tag) => (
              <option key={tag} value={tag} />
            ))}
          </datalist>
        </div>
        <div className="flex items-start gap-2">
          <input
            id="captionLocked"
            type="checkbox"
            name="captionLocked"
            value="1"
            checked={captionLocked}
            onChange={(e) => setCaptionLocked(e.target.checked)}
            className="mt-1"
            aria-describedby="captionLocked-hint"
          />
          <div>
            <label htmlFor="captionLocked" className="text-sm font-medium text-slate-800">
              Caption locked
            </label>
            <p id="captionLocked-hint" className="text-xs text-slate-500">
              Advocates share the caption exactly as written here; they cannot edit it.
            </p>
          </div>
        </div>
        <SelectField
          label="Campaign"
          name="campaignId"
          defaultValue={initial?.campaignId ?? ""}
          errors={fields?.campaignId}
        >
          <option value="">No campaign</option>
          {options.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Audience</legend>
          <div className="mt-2 flex flex-wrap gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="audience"
                value="all"
                checked={audience === "all"}
                onChange={() => setAudience("all")}
              />{" "}
              Everyone
            </label>
            <label className="flex items-center gap-2">
              <input
                type="radio"
                name="audience"
                value="teams"
                checked={audience === "teams"}
                onChange={() => setAudience("teams")}
              />{" "}
              Chosen teams
            </label>
          </div>
          {audience === "teams" && (
            <div className="mt-2 grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
              {options.teams.map((team) => (
                <label key={team.id} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    name="teamIds"
                    value={team.id}
                    defaultChecked={initial?.teamIds.includes(team.id)}
                  />{" "}
                  {team.name}
                </label>
              ))}
            </div>
          )}
          {fields?.teamIds?.map((e) => (
            <p key={e} role="alert" className="mt-1 text-sm text-red-700">
              {e}
            </p>
          ))}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <div>
            <label htmlFor="publishAtLocal" className="block text-sm font-medium text-slate-800">
              Publish at
            </label>
            <input
              id="publishAtLocal"
              type="datetime-local"
              value={publishLocal}
              onChange={(e) => setPublishLocal(e.target.value)}
              aria-invalid={!!fields?.publishAt}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <input type="hidden" name="publishAt" value={publishLocal ? new Date(publishLocal).toISOString() : ""} />
            <p className="mt-1 text-xs text-slate-500">Empty: as soon as it is approved. Your time zone.</p>
            {fields?.publishAt?.map((e) => (
              <p key={e} role="alert" className="mt-1 text-sm text-red-700">
                {e}
              </p>
            ))}
          </div>
          <div>
            <label htmlFor="expireAtLocal" className="block text-sm font-medium text-slate-800">
              Expire at
            </label>
            <input
              id="expireAtLocal"
              type="datetime-local"
              value={expireLocal}
              onChange={(e) => setExpireLocal(e.target.value)}
              aria-invalid={!!fields?.expireAt}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            />
            <input type="hidden" name="expireAt" value={expireLocal ? new Date(expireLocal).toISOString() : ""} />
            <p className="mt-1 text-xs text-slate-500">Empty: never expires.</p>
            {fields?.expireAt?.map((e) => (
              <p key={e} role="alert" className="mt-1 text-sm text-red-700">
                {e}
              </p>
            ))}
          </div>
        </div>
        <div>
          <label htmlFor="image" className="block text-sm font-medium text-slate-800">
            Image
          </label>
          <input
            id="image"
            name="image"
            type="file"
            accept="image/png,image/jpeg,image/webp,image/gif"
            aria-invalid={!!(imageError || fields?.image)}
            aria-describedby={imageError || fields?.image ? "image-error" : undefined}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file && file.size > MAX_IMAGE_BYTES) {
                setImageError(imageTooLarge(file.size));
                e.target.value = "";
                setImagePreview(initial?.imageUrl ?? null);
                return;
              }
              setImageError(null);
              setImagePreview(file ? URL.createObjectURL(file) : (initial?.imageUrl ?? null));
            }}
            className="mt-1 block w-full text-sm"
          />
          <p className="mt-1 text-xs text-slate-500">PNG, JPEG, WebP or GIF, at most 5 MB.</p>
          <label className="mt-2 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="imageFromLink"
              value="1"
              checked={imageFromLink}
              onChange={(e) => setImageFromLink(e.target.checked)}
              aria-describedby="imageFromLink-hint"
            />{" "}
            Use the link&apos;s preview image
          </label>
          <p id="imageFromLink-hint" className="mt-1 text-xs text-slate-500">
            On save, Chorus fetches the link and stores the picture its page names for previews (og:image). An uploaded
            file wins.
          </p>
          {initial?.imageUrl && (
            <label className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="removeImage" value="1" /> Remove the current image
            </label>
          )}
          <div id="image-error">
            {(imageError ? [imageError] : (fields?.image ?? [])).map((e) => (
              <p key={e} role="alert" className="mt-1 text-sm text-red-700">
                {e}
              </p>
            ))}
          </div>
        </div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" name="submit" value="1" disabled={pending}>
            {pending ? "Saving…" : "Submit for review"}
          </Button>
          <Button type="submit" variant="secondary" disabled={pending}>
            {initial?.id ? "Save" : "Save draft"}
          </Button>
        </div>
      </form>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <PostPreview post={{ ...values, imageUrl: imagePreview, hashtags }} />
      </div>
    </div>
  );
}
