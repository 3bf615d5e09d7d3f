import { z } from "zod";
import { currencyDigits, isCurrency } from "@/lib/outcomes/currencies";

/**
 * The conversion kinds Chorus knows. `lead`, `opportunity` and `won` are the stages of one deal (same external
 * id); `signup` and the admin's own kinds are single outcomes. Only opportunity (pipeline) and won (revenue)
 * carry an amount.
 */
export const FUNNEL_KINDS = ["lead", "opportunity", "won"] as const;
export const BUILT_IN_KINDS = ["lead", "signup", "opportunity", "won"] as const;
export const AMOUNT_KINDS: readonly string[] = ["opportunity", "won"];
export type FunnelKind = (typeof FUNNEL_KINDS)[number];

/** A deal reaches stages in order; a later stage implies the earlier ones. */
export const STAGE: Record<FunnelKind, number> = { lead: 1, opportunity: 2, won: 3 };

export function isFunnelKind(kind: string): kind is FunnelKind {
  return (FUNNEL_KINDS as readonly string[]).includes(kind);
}

/** Admin-defined kinds: lower-case words such as demo_booked, never one of the built-in names. */
export const customKindName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, "Kinds are 2–40 lower-case letters, digits or _, starting with a letter")
  .refine((kind) => !(BUILT_IN_KINDS as readonly string[]).includes(kind), "That kind is built in");

/** At most a trillion in any currency: larger is a typo or an attack, not a deal. */
export const MAX_AMOUNT = 1_000_000_000_000;
const AMOUNT = /^\d{1,13}(\.\d{1,4})?$/;

/**
 * One conversion as any way in delivers it, before the kind is checked against the admin's list. Amounts are
 * kept as decimal strings so no float rounding touches them.
 */
export const conversionFields = z.object({
  kind: z.string().trim().toLowerCase().min(1, "Name the kind").max(40, "Kinds are at most 40 characters"),
  externalId: z
    .string()
    .trim()
    .min(1, "Give the CRM's id for this conversion")
    .max(200, "External ids are at most 200 characters")
    .regex(/^[^\u0000-\u001f]+$/, "External ids cannot contain control characters"),
  amount: z
    .union([z.number(), z.string().trim()])
    .optional()
    .nullable()
    .transform((value, ctx) => {
      if (value === undefined || value === null || value === "") return null;
      if (typeof value === "number" && !Number.isFinite(value)) {
        ctx.addIssue({ code: "custom", message: "The amount must be a number" });
        return z.NEVER;
      }
      const text = typeof value === "number" ? String(value) : value;
      if (text.startsWith("-")) {
        ctx.addIssue({ code: "custom", message: "The amount cannot be negative" });
        return z.NEVER;
      }
      if (!AMOUNT.test(text)) {
        ctx.addIssue({ code: "custom", message: "Give the amount as a plain number such as 1250.50" });
        return z.NEVER;
      }
      if (Number(text) > MAX_AMOUNT) {
        ctx.addIssue({ code: "custom", message: "The amount is larger than 1,000,000,000,000" });
        return z.NEVER;
      }
      if (Number(text) <= 0) {
        ctx.addIssue({ code: "custom", message: "The amount must be more than 0 (leave it out when there is none)" });
        return z.NEVER;
      }
      return text;
    }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .nullable()
    .transform((value) => value || null)
    .refine((value) => value === null || isCurrency(value), "Not an ISO 4217 currency code (e.g. EUR, USD)"),
  occurredAt: z.coerce
    .date({ error: "Give the time as an ISO 8601 date-time" })
    .optional()
    .refine((value) => value === undefined || value.getFullYear() >= 2000, "The date is before 2000"),
  code: z
    .string()
    .trim()
    .optional()
    .nullable()
    .transform((value) => value || null)
    .refine((value) => value === null || /^[0-9A-Za-z]{4,16}$/.test(value), "Not a link code"),
  /** The visitor's first click through the link (the embed script's cookie); the attribution window starts there. */
  clickedAt: z.coerce.date({ error: "Give the time as an ISO 8601 date-time" }).optional(),
});
export type ConversionFields = z.infer<typeof conversionFields>;

/**
 * Field errors for what zod cannot know alone: the admin's kinds, which kinds take an amount, the amount's
 * decimals for its currency, a browser's cap, and times in the future.
 */
export function conversionRuleErrors(
  input: ConversionFields,
  { customKinds, amountCap, now }: { customKinds: readonly string[]; amountCap?: number; now: Date },
): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => {
    errors[field] ??= [];
    errors[field].push(message);
  };
  const kinds = [...BUILT_IN_KINDS, ...customKinds];
  if (!kinds.includes(input.kind)) fail("kind", `Unknown kind: use one of ${kinds.join(", ")}`);
  if (input.amount !== null) {
    if (!AMOUNT_KINDS.includes(input.kind)) fail("amount", "Only opportunity and won conversions carry an amount");
    if (!input.currency) fail("currency", "Give the amount's ISO 4217 currency");
    else if ((input.amount.split(".")[1]?.length ?? 0) > currencyDigits(input.currency))
      fail("amount", `${input.currency} amounts have at most ${currencyDigits(input.currency)} decimals`);
    if (amountCap !== undefined && Number(input.amount) > amountCap)
      fail(
        "amount",
        amountCap > 0 ? `Amounts from the browser are at most ${amountCap}` : "Amounts come from the server",
      );
  } else if (input.currency) fail("currency", "A currency needs an amount");
  const inFuture = (date: Date | undefined) => date && date.getTime() > now.getTime() + 5 * 60_000;
  if (inFuture(input.occurredAt)) fail("occurredAt", "The conversion cannot be in the future");
  if (inFuture(input.clickedAt)) fail("clickedAt", "The click cannot be in the future");
  return errors;
}
