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

/** The header of a PNG of the given size: enough for the simulator to read the size. */
export function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(header, 0);
  header.writeUInt32BE(13, 8);
  header.write("IHDR", 12, "ascii");
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return header;
}
