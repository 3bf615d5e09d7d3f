"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { PostPreview } from "@/components/post-preview";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-message";
import type { ActionResult } from "@/lib/action";
import { AudienceFieldset } from "./audience-fieldset";
import { CommentaryField, NetworkVariants } from "./commentary-fields";
import { ImageField } from "./image-field";
import { LanguageField, VariantFields } from "./language-fields";
import { ScheduleFields } from "./schedule-fields";
import { CampaignField, CaptionLockedField, HashtagsField } from "./tagging-fields";
import {
  type Bind,
  initialTexts,
  initialVariants,
  type PostFormOptions,
  type PostFormValues,
  parseHashtags,
} from "./values";

export type { PostFormValues } from "./values";

type Result = ActionResult<{ postId: number }> | null;

export function PostForm({
  save,
  initial,
  options,
}: {
  save: (previous: Result, formData: FormData) => Promise<Result>;
  initial?: PostFormValues;
  options: PostFormOptions;
}) {
  const [state, formAction, pending] = useActionState<Result, FormData>(save, null);
  const router = useRouter();
  const [values, setValues] = useState(() => initialTexts(initial));
  const [language, setLanguage] = useState(initial?.language ?? "en");
  const [variants, setVariants] = useState(() => initialVariants(initial));
  const [imagePreview, setImagePreview] = useState<string | null>(initial?.imageUrl ?? null);
  useEffect(() => {
    if (state?.ok) router.push(`/library/${state.postId}?saved=1`);
  }, [state, router]);

  const fields = state && !state.ok ? state.fields : undefined;
  const set: Bind = (key) => (e) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const texts = { values, set, fields };

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
        <CommentaryField {...texts} />
        <NetworkVariants {...texts} />
        <LanguageField value={language} onChange={setLanguage} errors={fields?.language} />
        <VariantFields language={language} variants={variants} onChange={setVariants} fields={fields} />
        <HashtagsField {...texts} hashtags={options.hashtags} />
        <CaptionLockedField initial={initial?.captionLocked ?? false} />
        <CampaignField initial={initial?.campaignId} campaigns={options.campaigns} errors={fields?.campaignId} />
        <AudienceFieldset initial={initial} teams={options.teams} errors={fields?.teamIds} />
        <ScheduleFields publishAt={initial?.publishAt ?? null} expireAt={initial?.expireAt ?? null} fields={fields} />
        <ImageField currentUrl={initial?.imageUrl ?? null} errors={fields?.image} onPreview={setImagePreview} />
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
        <PostPreview post={{ ...values, imageUrl: imagePreview, hashtags: parseHashtags(values.hashtags) }} />
      </div>
    </div>
  );
}
