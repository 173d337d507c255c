import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. Files on disk today; an S3-compatible store implements the
 * same three calls. Keys are opaque, made by us, never by a client.
 */
export interface BlobStorage {
  /** Moves a finished temporary file into the store under `key`. */
  putFile(key: string, tempPath: string): Promise<void>;
  read(key: string): Readable;
  delete(key: string): Promise<void>;
}

export class DiskStorage implements BlobStorage {
  readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }

  #path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the store: ${key}`);
    return path;
  }

  async putFile(key: string, tempPath: string): Promise<void> {
    const target = this.#path(key);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(tempPath, target);
    } catch (error) {
      // A temp dir on another filesystem can't be renamed across; copy instead.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(tempPath, target);
      await rm(tempPath, { force: true });
    }
  }

  read(key: string): Readable {
    return createReadStream(this.#path(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}

export function attachmentsDir(dataDir: string): string {
  return join(dataDir, 'attachments');
}
