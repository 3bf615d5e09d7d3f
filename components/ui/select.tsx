import type { SelectHTMLAttributes } from "react";

/** The one look of a drop-down; `className` adds layout (width, margins) only. A field in error has a red border. */
export function Select({ className = "mt-1 block w-full", ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  const border = props["aria-invalid"] === true ? "border-red-500" : "border-slate-300";
  return <select {...props} className={`${className} rounded-md border ${border} bg-white px-2 py-2`} />;
}
