import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveFetchHandler, type ServedHandler } from "@/sandbox/serve";
import { createS3Simulator } from "@/sandbox/s3/simulator";
import { localObjectStorage, s3ObjectStorage, type ObjectStorage } from "./object-storage";
import { storePhoto } from "@/lib/catalog/store-photo";

const s3 = createS3Simulator(["promo-photos"]);
let server: ServedHandler;
beforeAll(async () => {
  server = await serveFetchHandler(s3.handle);
  // The SDK's default credential chain reads these; the simulator accepts any signature.
  process.env.AWS_ACCESS_KEY_ID = "test-access-key";
  process.env.AWS_SECRET_ACCESS_KEY = "test-secret-key";
});
afterAll(() => server.close());

const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

const stores: Record<string, () => ObjectStorage> = {
  "a local directory": () => localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-objects-"))),
  "S3, through the official SDK": () =>
    s3ObjectStorage({ bucket: "promo-photos", region: "eu-central-1", endpoint: server.url }),
};

describe.each(Object.entries(stores))("photos in %s", (_name, open) => {
  it("keeps an uploaded photo under a new key and gives back the same picture", async () => {
    const storage = open();
    const stored = await storePhoto(storage, png);
    expect(stored).toMatchObject({ ok: true, key: expect.stringMatching(/^[0-9a-f-]{36}\.png$/) });
    if (!stored.ok) return;
    // Re-encoded on the way in (store-photo.ts): the same pixels, not necessarily the same bytes.
    const pixels = (bytes: Uint8Array) => sharp(bytes).raw().toBuffer();
    expect(await pixels((await storage.get(stored.key)) ?? new Uint8Array())).toEqual(
      await pixels(png),
    );
    expect(await storage.get("0c9d1f3e-0000-4000-8000-000000000000.png")).toBeUndefined();
  });

  it("refuses what is not a photo, or too large, and stores nothing", async () => {
    const storage = open();
    const before = s3.objects.size;
    expect(await storePhoto(storage, Buffer.from("not an image"))).toEqual({
      ok: false,
      error: "invalidPhoto",
    });
    const huge = Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]);
    expect(await storePhoto(storage, huge)).toEqual({ ok: false, error: "photoTooLarge" });
    expect(s3.objects.size).toBe(before);
  });
});

it("never reads outside the local directory", async () => {
  const storage = localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-objects-")));
  expect(await storage.get("../../../etc/passwd")).toBeUndefined();
});

it("stores on S3 with the photo's content type", async () => {
  const storage = stores["S3, through the official SDK"]!();
  const stored = await storePhoto(storage, png);
  expect(stored.ok && s3.objects.get(`promo-photos/${stored.key}`)?.contentType).toBe("image/png");
});
