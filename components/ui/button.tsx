import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800 disabled:bg-indigo-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50",
  /** Submits a filter or search form. */
  neutral: "bg-slate-800 text-white hover:bg-slate-900",
  /** An outlined call to act on one item of a list (reshare on a network). */
  outline: "border border-indigo-700 text-indigo-800 hover:bg-indigo-50",
  /** Reads as a link inside a row or a sentence: no box. */
  link: "text-indigo-700 underline disabled:text-slate-400",
} as const;

const sizes = {
  md: "min-h-10 px-4 py-2",
  /** In toolbars and beside inputs in a row. */
  sm: "px-3 py-2",
  /** Smallest, in table rows and headers. */
  xs: "px-3 py-1.5",
  /** No box at all, for the link variant. */
  inline: "",
} as const;

export function Button({
  variant = "primary",
  size = variant === "link" ? "inline" : "md",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; size?: keyof typeof sizes }) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center gap-2 rounded-md text-sm font-medium transition-colors disabled:cursor-not-allowed ${sizes[size]} ${variants[variant]} ${className}`}
    />
  );
}
