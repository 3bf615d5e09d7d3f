import type { HTMLAttributes } from "react";

type MessageProps = HTMLAttributes<HTMLElement> & { as?: "p" | "div"; "data-testid"?: string };

const tones = {
  alert: "border-red-200 bg-red-50 text-red-800",
  status: "border-green-200 bg-green-50 text-green-800",
} as const;

function FormMessage({
  as: Element = "p",
  className = "",
  role,
  ...props
}: MessageProps & { role: keyof typeof tones }) {
  return (
    <Element role={role} {...props} className={`${className} rounded-md border p-3 text-sm ${tones[role]}`.trim()} />
  );
}

/** The red box a form shows above its fields when the whole submission failed. */
export const FormAlert = (props: MessageProps) => <FormMessage {...props} role="alert" />;

/** The green box a form shows once it is saved. */
export const FormSaved = (props: MessageProps) => <FormMessage {...props} role="status" />;
