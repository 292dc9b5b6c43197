import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseConnection } from "@/db/client";
import type { User } from "@/db/schema/users";
import { localObjectStorage } from "@/lib/platform/object-storage";
import { migratedTestDatabase } from "@/test/database";
import { createSellerWithProduct } from "@/test/fixtures";
import { saveWithPhotos } from "@/test/save-with-photos";
import { photoContentType, storePhoto } from "./store-photo";

// Files that are an image and a web page at once ("polyglots"): any image viewer shows the
// picture, and a browser that sniffs the bytes instead of trusting the type runs the page.
const page = "<!doctype html><html><body><script>alert(document.cookie)</script></body></html>";

let connection: DatabaseConnection;
let seller: User;
const storage = localObjectStorage(mkdtempSync(path.join(tmpdir(), "promo-photos-")));
beforeAll(async () => {
  connection = await migratedTestDatabase("store_photo");
  ({ seller } = await createSellerWithProduct(connection.db));
});
afterAll(() => connection.close());

const picture = (format: "png" | "jpeg") =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: "#c0392b" } })
    .toFormat(format)
    .toBuffer();

/** A PNG chunk (length, type, data, CRC), e.g. a tEXt chunk that readers keep as a comment. */
function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Saves a new product with this photo through the product form, as the dashboard does. */
const saveWithPhoto = (photo: Uint8Array) =>
  saveWithPhotos(connection.db, storage, seller, { id: "", title: "Tour Poster", price: "15.00" }, [
    photo,
  ]);

/** What the photo route would serve for the product: the stored bytes and their type. */
async function served(photo: Uint8Array) {
  const product = await saveWithPhoto(photo);
  const key = product?.photoKey ?? "";
  const bytes = Buffer.from((await storage.get(key)) ?? []);
  return { bytes, type: photoContentType(key), meta: await sharp(bytes).metadata() };
}

/** The problem a refused upload is answered with, as the gallery editor gets it. */
async function refusal(photo: Uint8Array) {
  const stored = await storePhoto(storage, photo);
  return stored.ok ? stored : { photo: { key: stored.error } };
}

const carriesPage = (bytes: Buffer) =>
  ["<script", "<html", "alert("].some((marker) => bytes.includes(marker));

describe("an uploaded product photo", () => {
  it("is stored as only a picture when a web page follows the PNG", async () => {
    const polyglot = Buffer.concat([await picture("png"), Buffer.from(page)]);
    expect(carriesPage(polyglot)).toBe(true);
    const { bytes, type, meta } = await served(polyglot);
    expect(carriesPage(bytes)).toBe(false);
    expect(type).toBe("image/png");
    expect(meta).toMatchObject({ format: "png", width: 64, height: 48 });
  });

  it("is stored as only a picture when the page hides in a PNG text chunk", async () => {
    const png = await picture("png");
    const iend = png.length - 12;
    const text = pngChunk("tEXt", Buffer.from(`Comment\0${page}`, "latin1"));
    const polyglot = Buffer.concat([png.subarray(0, iend), text, png.subarray(iend)]);
    expect((await sharp(polyglot).metadata()).format).toBe("png");
    const { bytes, meta } = await served(polyglot);
    expect(carriesPage(bytes)).toBe(false);
    expect(meta).toMatchObject({ format: "png", width: 64, height: 48 });
  });

  it("is stored as only a picture when a JPEG carries the page in a comment and after its end", async () => {
    const jpeg = await picture("jpeg");
    const comment = Buffer.from(page);
    const marker = Buffer.from([0xff, 0xfe, 0, 0]);
    marker.writeUInt16BE(comment.length + 2, 2);
    const polyglot = Buffer.concat([
      jpeg.subarray(0, 2),
      marker,
      comment,
      jpeg.subarray(2),
      comment,
    ]);
    const { bytes, type, meta } = await served(polyglot);
    expect(carriesPage(bytes)).toBe(false);
    expect(type).toBe("image/jpeg");
    expect(meta).toMatchObject({ format: "jpeg", width: 64, height: 48 });
  });

  it("is refused at the photo field when it is a page, even one wearing a PNG's first bytes", async () => {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]);
    const fake = Buffer.concat([signature, Buffer.from(page)]);
    expect(await refusal(fake)).toEqual({ photo: { key: "invalidPhoto" } });
    expect(await refusal(Buffer.from(page))).toEqual({ photo: { key: "invalidPhoto" } });
  });

  it("is refused at the photo field when it would unpack to more pixels than memory holds", async () => {
    // 10,000 × 6,000 of one colour: a few hundred kilobytes, 240 MB once unpacked.
    const bomb = await sharp({
      create: { width: 10_000, height: 6_000, channels: 3, background: "#000" },
    })
      .png()
      .toBuffer();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(bomb)).toEqual({ photo: { key: "photoTooLarge" } });
  });

  it("keeps the camera's orientation and is scaled to what Telegram shows", async () => {
    // 4000 × 3000 taken with the phone on its side (EXIF orientation 6: turn 90° clockwise).
    const sideways = await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: "#2c3e50" },
    })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const { meta } = await served(sideways);
    expect(meta).toMatchObject({ format: "jpeg", width: 1920, height: 2560 });
    expect(meta.orientation ?? 1).toBe(1);
    expect(meta.exif).toBeUndefined();
  });
});
