import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { dataDir } from "@/db/client";

/**
 * Where uploaded files live. The default keeps them under .data/uploads; an S3-compatible store plugs in
 * by implementing these methods and returning it from `getStorage` (keys are opaque, URL-safe names).
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  /** Removes a file that was stored for a save that then failed; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\.(png|jpg|webp|gif)$/;
const TYPES: Record<string, string> = { png: "image/png", jpg: "image/jpeg", webp: "image/webp", gif: "image/gif" };

export class LocalFileStorage implements FileStorage {
  constructor(private readonly root = path.join(/*turbopackIgnore: true*/ dataDir(), "uploads")) {}

  async put(key: string, bytes: Uint8Array): Promise<void> {
    if (!KEY.test(key)) throw new Error("invalid storage key");
    await mkdir(this.root, { recursive: true });
    await writeFile(path.join(this.root, key), bytes, { flag: "wx" });
  }

  async get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    // Only keys we issue are looked up, so no path can leave the uploads folder.
    if (!KEY.test(key)) return null;
    try {
      return { bytes: await readFile(path.join(this.root, key)), contentType: TYPES[key.split(".")[1]!]! };
    } catch {
      return null;
    }
  }

  async delete(key: string): Promise<void> {
    if (!KEY.test(key)) throw new Error("invalid storage key");
    await rm(path.join(this.root, key), { force: true });
  }
}

const shared = globalThis as typeof globalThis & { __chorusStorage?: FileStorage };
export function getStorage(): FileStorage {
  shared.__chorusStorage ??= new LocalFileStorage();
  return shared.__chorusStorage;
}
