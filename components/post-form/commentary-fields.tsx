import { TextAreaField } from "@/components/ui/field";
import { X_LIMIT, xLength } from "@/lib/share-intents";
import type { Bind, FieldErrors, TextValues } from "./values";

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

type Props = { values: TextValues; set: Bind; fields: FieldErrors };

/** The suggested commentary, with its counter. */
export function CommentaryField({ values, set, fields }: Props) {
  return (
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
  );
}

/** The optional texts per network, folded unless one is filled in or refused. */
export function NetworkVariants({ values, set, fields }: Props) {
  return (
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
          <Counter id="x-count" length={values.commentaryX ? xLength(values.commentaryX) : 0} limit={X_LIMIT} />
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
  );
}
