import type { HTMLAttributes } from "react";

type MessageProps = HTMLAttributes<HTMLElement> & { as?: "p" | "div"; "data-testid"?: string };

/** The red box a form shows above its fields when the whole submission failed. */
export function FormAlert({ as: Element = "p", className = "", ...props }: MessageProps) {
  return (
    <Element
      role="alert"
      {...props}
      className={`${className} rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800`.trim()}
    />
  );
}

/** The green box a form shows once it is saved. */
export function FormSaved({ as: Element = "p", className = "", ...props }: MessageProps) {
  return (
    <Element
      role="status"
      {...props}
      className={`${className} rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-800`.trim()}
    />
  );
}
