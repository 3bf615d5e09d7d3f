/**
 * The largest post image, shared by the form (checked in the browser before anything is sent) and the server
 * (lib/images). next.config.mjs lets a server action's body be this plus the form's text fields.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The field error for a file past the limit, in the same words on both sides. */
export function imageTooLarge(bytes: number): string {
  const megabytes = (bytes / 1024 / 1024).toFixed(1);
  return `Images are at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB; this one is ${megabytes} MB. Choose a smaller one.`;
}
