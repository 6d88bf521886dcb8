import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FileStorage, fileStorage, localStorage, s3Storage } from "./storage";

/** The same behaviour on both storages: the local folder, and an S3 emulator started here. */

const keyOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function behavesAsStorage(name: string, open: () => FileStorage) {
  describe(name, () => {
    it("stores bytes under their key, reads them back whole, and deletes them", async () => {
      const storage = open();
      const bytes = randomBytes(300_000);
      const key = keyOf(bytes);
      expect(await storage.has(key)).toBe(false);
      expect(await storage.get(key)).toBeNull();
      await storage.put(key, bytes, "application/octet-stream");
      expect(await storage.has(key)).toBe(true);
      expect(Buffer.from((await storage.get(key)) ?? []).equals(bytes)).toBe(true);
      // Storing the same content again is harmless (uploads of one file by several people).
      await storage.put(key, bytes, "application/octet-stream");
      await storage.delete(key);
      expect(await storage.has(key)).toBe(false);
      expect(await storage.get(key)).toBeNull();
      await storage.delete(key); // deleting what is gone is not an error
    });

    it("refuses a key that is not a content hash", async () => {
      await expect(open().put("../../etc/passwd", new Uint8Array(1), "text/plain")).rejects.toThrow(
        /invalid storage key/,
      );
    });
  });
}

const localDir = mkdtempSync(path.join(tmpdir(), "spj-storage-"));
behavesAsStorage("the local folder", () => localStorage(localDir));

it("leaves no temporary file beside what it stored", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "spj-storage-"));
  const bytes = randomBytes(10);
  const key = keyOf(bytes);
  await localStorage(dir).put(key, bytes, "text/plain");
  expect(readdirSync(path.join(dir, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
});

const s3 = { endpoint: "", server: null as S3rver | null };
beforeAll(async () => {
  s3.server = new S3rver({
    address: "127.0.0.1",
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(tmpdir(), "spj-s3rver-")),
    configureBuckets: [{ name: "spj-files", configs: [] }],
  });
  const address = (await s3.server.run()) as AddressInfo;
  s3.endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await s3.server?.close();
});

// s3rver's built-in credentials.
const S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER", region: "us-east-1" };
behavesAsStorage("an S3-compatible bucket (s3rver)", () =>
  s3Storage({ endpoint: s3.endpoint, bucket: "spj-files", ...S3_CREDENTIALS }),
);

describe("the configured storage", () => {
  it("is the bucket when FILES_S3_BUCKET is set, and says what else it needs", async () => {
    const saved = { ...process.env };
    try {
      process.env.FILES_S3_BUCKET = "spj-files";
      expect(() => fileStorage()).toThrow(/FILES_S3_ENDPOINT/);
      Object.assign(process.env, {
        FILES_S3_ENDPOINT: s3.endpoint,
        FILES_S3_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
        FILES_S3_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      });
      const bytes = randomBytes(64);
      await fileStorage().put(keyOf(bytes), bytes, "application/octet-stream");
      const bucketView = s3Storage({ endpoint: s3.endpoint, bucket: "spj-files", ...S3_CREDENTIALS });
      expect(await bucketView.has(keyOf(bytes))).toBe(true);
    } finally {
      process.env = saved;
    }
  });
});
