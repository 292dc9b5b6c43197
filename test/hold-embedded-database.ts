// A second real process for the lock tests: `node --import tsx test/hold-embedded-database.ts
// <data dir> [platform]` opens the embedded database there, writes ten products, prints
// `{"ready":…}` and holds the folder until it is killed. With a platform (e.g. darwin) it only
// takes the folder's lock the way that platform does, to test the socket-file variant on Linux.
import path from "node:path";
import { connectDatabase } from "@/db/client";
import { migrateWithLock } from "@/db/migrate";
import { lockPgliteFolder } from "@/db/pglite-lock";
import { createSellerWithProduct } from "@/test/fixtures";

const [dataDir, platform] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: hold-embedded-database.ts <data dir> [platform]");

const titles: string[] = [];
if (platform) {
  await lockPgliteFolder(path.resolve(dataDir, "pglite"), platform as NodeJS.Platform);
} else {
  const connection = await connectDatabase({ dataDir });
  await migrateWithLock(connection);
  for (let i = 1; i <= 10; i++) {
    const { product } = await createSellerWithProduct(connection.db, { title: `Blend ${i}` });
    titles.push(product.title);
  }
}
console.log(JSON.stringify({ ready: process.pid, titles }));
// Held until killed: nothing else keeps this process alive (the lock's socket is unref'd).
setInterval(() => undefined, 60_000);
