import type { HTMLAttributes } from "react";

const padding = { sm: "p-3", md: "p-4" } as const;

/** A white panel with a light border: stat cards, campaign rows, filter boxes. */
export function Card({
  as: Element = "div",
  pad = "md",
  className = "",
  ...props
}: HTMLAttributes<HTMLElement> & { as?: "div" | "li" | "section"; pad?: keyof typeof padding }) {
  return (
    <Element {...props} className={`rounded-lg border border-slate-200 bg-white ${padding[pad]} ${className}`.trim()} />
  );
}
