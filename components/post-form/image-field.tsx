import { useState } from "react";
import { imageTooLarge, MAX_IMAGE_BYTES } from "@/lib/image-limits";

/** The uploaded image, or the link's preview image fetched on save; `onPreview` gets what the preview shows. */
export function ImageField({
  currentUrl,
  errors,
  onPreview,
}: {
  currentUrl: string | null;
  errors?: string[];
  onPreview: (url: string | null) => void;
}) {
  // Kept in state: React resets a form's uncontrolled fields after each submission, and a refused fetch should not untick it.
  const [imageFromLink, setImageFromLink] = useState(false);
  // Checked here, before anything is sent: a body past the server's limit would be refused whole, and the form with it.
  const [imageError, setImageError] = useState<string | null>(null);
  const shown = imageError ? [imageError] : (errors ?? []);
  return (
    <div>
      <label htmlFor="image" className="block text-sm font-medium text-slate-800">
        Image
      </label>
      <input
        id="image"
        name="image"
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        aria-invalid={!!(imageError || errors)}
        aria-describedby={imageError || errors ? "image-error" : undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file && file.size > MAX_IMAGE_BYTES) {
            setImageError(imageTooLarge(file.size));
            e.target.value = "";
            onPreview(currentUrl);
            return;
          }
          setImageError(null);
          onPreview(file ? URL.createObjectURL(file) : currentUrl);
        }}
        className="mt-1 block w-full text-sm"
      />
      <p className="mt-1 text-xs text-slate-500">PNG, JPEG, WebP or GIF, at most 5 MB.</p>
      <label className="mt-2 flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="imageFromLink"
          value="1"
          checked={imageFromLink}
          onChange={(e) => setImageFromLink(e.target.checked)}
          aria-describedby="imageFromLink-hint"
        />{" "}
        Use the link&apos;s preview image
      </label>
      <p id="imageFromLink-hint" className="mt-1 text-xs text-slate-500">
        On save, Chorus fetches the link and stores the picture its page names for previews (og:image). An uploaded file
        wins.
      </p>
      {currentUrl && (
        <label className="mt-1 flex items-center gap-2 text-sm">
          <input type="checkbox" name="removeImage" value="1" /> Remove the current image
        </label>
      )}
      <div id="image-error">
        {shown.map((e) => (
          <p key={e} role="alert" className="mt-1 text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}
