import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "@/db/client";
import { channels } from "@/db/schema/channels";
import { sellerBusinesses } from "@/db/schema/invoices";
import { appSettings } from "@/db/schema/platform";
import type { ObjectStorage } from "@/lib/platform/object-storage";
import { storePhoto } from "@/lib/catalog/store-photo";
import { createProduct } from "@/lib/catalog/products";
import { signInSandboxUser } from "@/lib/auth/sandbox-users";
import { sandboxChannel } from "./people";

const SEEDED = "sandbox_demo_seeded";
const photosDir = path.resolve(process.cwd(), "sandbox/demo-photos");

const demoProducts = [
  {
    title: "House blend coffee beans, 250 g",
    description:
      "Medium roast from a small roastery: chocolate, hazelnut, a little cherry. Whole beans, roasted this week.",
    price: "12.90",
    currency: "EUR",
    stock: "20",
    // A gallery: the bot's card shows them as an album, the channel post the first.
    photos: ["coffee-beans.jpg", "coffee-beans-closeup.jpg", "coffee-beans-notes.jpg"],
  },
  {
    title: "Hand-made stoneware mug",
    description:
      "Thrown and glazed by hand, 350 ml, dishwasher safe. Each one is a little different.",
    price: "24.00",
    currency: "EUR",
    stock: "5",
    photos: ["mug.jpg"],
  },
] as const;

/**
 * The sandbox's first start opens a small shop (the test seller with business details, two
 * products, the test channel), so a newcomer can publish and buy at once. Runs once per
 * database: what the newcomer deletes or changes afterwards stays that way.
 */
export async function seedDemoShop(db: Database, storage: ObjectStorage): Promise<boolean> {
  const already = await db.query.appSettings.findFirst({
    where: (setting, { eq }) => eq(setting.key, SEEDED),
  });
  if (already) return false;
  const photoKeys = new Map<string, string>();
  for (const photo of demoProducts.flatMap(({ photos }) => photos)) {
    const stored = await storePhoto(storage, await readFile(path.join(photosDir, photo)));
    if (!stored.ok) throw new Error(`demo photo ${photo}: ${stored.error}`);
    photoKeys.set(photo, stored.key);
  }
  return db.transaction(async (tx) => {
    // Two copies starting at once: the primary key lets exactly one of them seed.
    const [claimed] = await tx
      .insert(appSettings)
      .values({ key: SEEDED, value: new Date().toISOString() })
      .onConflictDoNothing()
      .returning();
    if (!claimed) return false;
    const seller = await signInSandboxUser(tx, "seller");
    // The simulator's channel has the bot as admin and the test seller as its creator from the
    // start, which is what the dashboard's getChatMember checks would find.
    await tx
      .insert(channels)
      .values({
        sellerId: seller.id,
        telegramChatId: sandboxChannel.id,
        username: sandboxChannel.username,
        title: sandboxChannel.title,
        botCanPost: true,
        checkedAt: new Date(),
      })
      .onConflictDoNothing();
    // So the sandbox's invoices look like a real shop's.
    await tx.insert(sellerBusinesses).values({
      sellerId: seller.id,
      legalName: "Promo Sandbox Shop GmbH",
      address: "Musterstraße 1\n10115 Berlin\nDeutschland",
      vatId: "DE000000000",
      vatMode: "standard",
      vatRateBasisPoints: 1900,
    });
    for (const { photos, ...input } of demoProducts) {
      const keys = photos.map((photo) => photoKeys.get(photo) ?? "");
      await createProduct(tx, seller, { ...input, photoKeys: keys });
    }
    return true;
  });
}
