import { randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AwsClient } from "aws4fetch";
import { z } from "zod";

/**
 * Where file bytes live, behind one small interface: a local folder by default (zero setup), an
 * S3-compatible bucket when `FILES_S3_BUCKET` is set. Keys are content hashes (lib/files/blobs),
 * so a key's bytes never change: a put of an existing key rewrites the same bytes.
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array, mediaType: string): Promise<void>;
  /** The bytes, or null when nothing is stored under the key. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  has(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}

const Env = z.object({
  FILES_DIR: z.string().min(1).default("data/files"),
  FILES_S3_BUCKET: z.string().optional(),
  FILES_S3_ENDPOINT: z.url().optional(),
  FILES_S3_REGION: z.string().min(1).default("us-east-1"),
  FILES_S3_ACCESS_KEY_ID: z.string().optional(),
  FILES_S3_SECRET_ACCESS_KEY: z.string().optional(),
});

/** The storage the environment configures (read on each call, so tests can switch it). */
export function fileStorage(): FileStorage {
  const env = Env.parse(process.env);
  if (!env.FILES_S3_BUCKET) return localStorage(env.FILES_DIR);
  if (!env.FILES_S3_ENDPOINT || !env.FILES_S3_ACCESS_KEY_ID || !env.FILES_S3_SECRET_ACCESS_KEY) {
    throw new Error("FILES_S3_BUCKET needs FILES_S3_ENDPOINT, FILES_S3_ACCESS_KEY_ID and FILES_S3_SECRET_ACCESS_KEY");
  }
  return s3Storage({
    endpoint: env.FILES_S3_ENDPOINT,
    bucket: env.FILES_S3_BUCKET,
    region: env.FILES_S3_REGION,
    accessKeyId: env.FILES_S3_ACCESS_KEY_ID,
    secretAccessKey: env.FILES_S3_SECRET_ACCESS_KEY,
  });
}

const SAFE_KEY = /^[a-z0-9]+$/;

function checkKey(key: string): string {
  // Keys come from our own hashes; anything else must never reach a path or a URL.
  if (!SAFE_KEY.test(key)) throw new Error(`invalid storage key ${key}`);
  return key;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/** Files under `dir`, two levels of folders by the key's first characters so no folder grows huge. */
export function localStorage(dir: string): FileStorage {
  const pathOf = (key: string) => path.resolve(dir, key.slice(0, 2), key.slice(2, 4), checkKey(key));
  return {
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside then renamed: a reader never sees half a file, a crash leaves none.
      const temporary = `${target}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, target);
      } finally {
        await rm(temporary, { force: true });
      }
    },
    async get(key) {
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async has(key) {
      try {
        await stat(pathOf(key));
        return true;
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}

export interface S3Options {
  /** The service's base URL (`https://s3.eu-west-1.amazonaws.com`, a MinIO or R2 endpoint). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** An S3-compatible bucket, addressed path-style (`endpoint/bucket/key`), which every S3 clone speaks. */
export function s3Storage(options: S3Options): FileStorage {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: "s3",
  });
  const base = `${options.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(options.bucket)}`;
  const urlOf = (key: string) => `${base}/${checkKey(key)}`;
  const call = async (key: string, init: RequestInit, ok: (status: number) => boolean) => {
    const response = await client.fetch(urlOf(key), init);
    if (!ok(response.status)) {
      const detail = await response.text().catch(() => "");
      throw new Error(`S3 ${init.method} ${key}: ${response.status} ${detail.slice(0, 200)}`);
    }
    return response;
  };
  return {
    async put(key, bytes, mediaType) {
      await call(
        key,
        { method: "PUT", body: new Uint8Array(bytes), headers: { "content-type": mediaType } },
        (s) => s < 300,
      );
    },
    async get(key) {
      const response = await call(key, { method: "GET" }, (s) => s < 300 || s === 404);
      return response.status === 404 ? null : new Uint8Array(await response.arrayBuffer());
    },
    async has(key) {
      const response = await call(key, { method: "HEAD" }, (s) => s < 300 || s === 404);
      return response.status !== 404;
    },
    async delete(key) {
      await call(key, { method: "DELETE" }, (s) => s < 300 || s === 404);
    },
  };
}
