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

/** A text area with its length counted below it, against the network's limit. */
function CountedText({
  name,
  label,
  rows,
  count,
  limit,
  hint,
  values,
  set,
  fields,
  countId,
  ...props
}: Props & {
  name: keyof TextValues;
  label: string;
  rows: number;
  count: number;
  limit: number;
  hint?: string;
  countId: string;
  "aria-describedby"?: string;
  maxLength?: number;
}) {
  return (
    <div>
      <TextAreaField
        label={label}
        name={name}
        rows={rows}
        value={values[name]}
        onChange={set(name)}
        errors={fields?.[name]}
        hint={hint}
        {...props}
      />
      <Counter id={countId} length={count} limit={limit} />
    </div>
  );
}

/** The suggested commentary, with its counter. */
export function CommentaryField(props: Props) {
  const length = [...props.values.commentary].length;
  return (
    <CountedText
      {...props}
      name="commentary"
      label="Suggested commentary"
      rows={4}
      count={length}
      limit={3000}
      countId="commentary-count"
      aria-describedby="commentary-count"
      maxLength={3000}
    />
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
        <CountedText
          {...{ values, set, fields }}
          name="commentaryLinkedin"
          label="LinkedIn text"
          rows={3}
          count={[...values.commentaryLinkedin].length}
          limit={3000}
          countId="linkedin-count"
        />
        <CountedText
          {...{ values, set, fields }}
          name="commentaryX"
          label="X text"
          rows={3}
          count={values.commentaryX ? xLength(values.commentaryX) : 0}
          limit={X_LIMIT}
          countId="x-count"
          hint="X counts any link as 23 characters."
        />
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
