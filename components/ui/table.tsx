import { useTranslations } from "next-intl";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/** Columns that narrow screens drop: hidden below the breakpoint, a table cell from it up. */
const hidden = { sm: "hidden sm:table-cell", md: "hidden md:table-cell" } as const;
type HideBelow = keyof typeof hidden;

const cellClass = (base: string, hideBelow: HideBelow | undefined, className: string) =>
  [base, hideBelow && hidden[hideBelow], className].filter(Boolean).join(" ");

/**
 * A bordered, horizontally scrollable table with a caption for screen readers, its header row (`head`, the
 * heading cells) and its body rows (`children`). The scroll box can take the
 * keyboard's focus, so a table wider than a phone scrolls with the arrow keys too.
 */
export function Table({
  caption,
  head,
  children,
  testId,
}: {
  caption: ReactNode;
  head: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section
      className="mt-3 overflow-x-auto rounded-lg border border-slate-200 bg-white"
      aria-label={typeof caption === "string" ? caption : undefined}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}

/** The "Counted clicks" and "Reshares" headings that close the click reports' tables (reshares drop on phones). */
export function ClickHeadCells() {
  const t = useTranslations("Common");
  return (
    <>
      <HeadCell numeric>{t("countedClicks")}</HeadCell>
      <HeadCell numeric hideBelow="sm">
        {t("reshares")}
      </HeadCell>
    </>
  );
}

/** A column heading; `numeric` aligns it with its NumericCells. */
export function HeadCell({
  numeric = false,
  hideBelow,
  className = "",
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean; hideBelow?: HideBelow }) {
  return (
    <th
      scope="col"
      {...props}
      className={cellClass(`px-3 py-2 font-medium${numeric ? " text-right" : ""}`, hideBelow, className)}
    />
  );
}

/** A body row with the rule above it. */
export function Row({ className = "", ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} className={`border-t border-slate-100 ${className}`.trim()} />;
}

export function Cell({
  hideBelow,
  className = "",
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { hideBelow?: HideBelow }) {
  return <td {...props} className={cellClass("px-3 py-2", hideBelow, className)} />;
}

/** A number, right-aligned in tabular figures so columns line up. */
export function NumericCell({
  hideBelow,
  className = "",
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { hideBelow?: HideBelow }) {
  return <td {...props} className={cellClass("px-3 py-2 text-right tabular-nums", hideBelow, className)} />;
}
