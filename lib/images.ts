import { randomUUID } from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "@/lib/errors";
import { imageTooLarge, MAX_IMAGE_BYTES } from "@/lib/image-limits";
import { getStorage } from "@/lib/storage";

export { MAX_IMAGE_BYTES };
/** Where stored images are served (app/uploads/[key]); a post's image URL is this plus the storage key. */
const UPLOADS_PATH = "/uploads/";
const ALLOWED: Record<string, "png" | "jpg" | "webp" | "gif"> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
};

/** An upload field left empty arrives as a nameless, empty File. */
export function isUpload(value: unknown): value is File {
  return value instanceof File && value.size > 0;
}

/**
 * Checks an uploaded image by its content (magic bytes), not its name or declared type, and by size, before
 * anything is stored; then stores it and returns its URL.
 */
export async function storeImage(file: File): Promise<string> {
  if (file.size > MAX_IMAGE_BYTES)
    throw new DomainError("invalid", "The image is too large", { image: [imageTooLarge(file.size)] });
  const url = await storeImageBytes(new Uint8Array(await file.arrayBuffer()));
  if (!url)
    throw new DomainError("invalid", "That file is not an image we accept", {
      image: ["Upload a PNG, JPEG, WebP or GIF image"],
    });
  return url;
}

/**
 * Stores bytes (at most MAX_IMAGE_BYTES, which the caller enforces while reading) if their content is a PNG,
 * JPEG, WebP or GIF, and returns the stored image's URL; null, with nothing stored, for anything else.
 */
export async function storeImageBytes(bytes: Uint8Array): Promise<string | null> {
  if (bytes.byteLength > MAX_IMAGE_BYTES) throw new Error("image over the size cap reached storeImageBytes");
  const detected = await fileTypeFromBuffer(bytes);
  const ext = detected && ALLOWED[detected.mime];
  if (!ext) return null;
  const key = `${randomUUID()}.${ext}`;
  await getStorage().put(key, bytes, detected.mime);
  return `${UPLOADS_PATH}${key}`;
}

/** Removes an image stored by storeImage/storeImageBytes for a save that then failed, so no orphan stays behind. */
export async function discardImage(url: string): Promise<void> {
  const key = url.startsWith(UPLOADS_PATH) ? url.slice(UPLOADS_PATH.length) : null;
  if (key) await getStorage().delete(key);
}
