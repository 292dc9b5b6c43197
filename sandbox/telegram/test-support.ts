import { crc32, deflateSync } from "node:zlib";
import { Api } from "grammy";
import { onTestFinished } from "vitest";
import { serveFetchHandler } from "../serve";
import { createTelegramSimulator, DEFAULT_BOT } from "./simulator";
import type { SimulatorOptions } from "./types";

// Shared by the simulator's own tests.

export const buyer = { id: 5001, first_name: "Bea", username: "bea", language_code: "de" };
export const seller = { id: 5002, first_name: "Sam" };
export const SECRET = "webhook-secret-for-tests";

/** A fresh simulator on its own port (closed when the test ends) and a grammY Api for it. */
export async function setup(options: SimulatorOptions = {}) {
  const sim = createTelegramSimulator(options);
  const server = await serveFetchHandler(sim.handle);
  onTestFinished(() => server.close());
  const api = new Api(DEFAULT_BOT.token, { apiRoot: server.url });
  return { sim, api, url: server.url };
}

/**
 * A real PNG of the given size (black, a few hundred bytes compressed): the simulator reads its
 * size from the header, and the app's photo upload, which decodes photos, takes it.
 */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample; colour type 0 (grey), standard compression, no interlace
  // Each row: filter byte 0 (none), then one grey byte per pixel.
  const pixels = deflateSync(Buffer.alloc((1 + width) * height));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
