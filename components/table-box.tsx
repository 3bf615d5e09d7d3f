import type { ReactNode } from "react";

/**
 * A list page's table: a box that scrolls sideways on narrow screens (and takes the keyboard's focus, so the arrow
 * keys scroll it too), an optional caption for screen readers,
 * the header row (`head`, its cells) and the body rows (`children`).
 */
export function TableBox({
  className,
  headClassName = "bg-slate-50 text-slate-600",
  caption,
  head,
  testId,
  children,
}: {
  className: string;
  headClassName?: string;
  caption?: ReactNode;
  head: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section
      className={className}
      aria-label={typeof caption === "string" ? caption : undefined}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
      tabIndex={0}
    >
      <table className="w-full text-left text-sm" data-testid={testId}>
        {caption !== undefined && <caption className="sr-only">{caption}</caption>}
        <thead className={headClassName}>
          <tr>{head}</tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
