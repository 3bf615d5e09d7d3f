import type { SelectHTMLAttributes } from "react";

/** The one look of a drop-down; `className` adds layout (width, margins) only. */
export function Select({ className = "mt-1 block w-full", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return <select {...props} className={`${className} rounded-md border border-slate-300 bg-white px-2 py-2`} />;
}
