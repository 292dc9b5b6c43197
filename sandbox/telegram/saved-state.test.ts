import { InputFile } from "grammy";
import { deserialize, serialize } from "node:v8";
import { expect, it } from "vitest";
import { createTelegramSimulator } from "./simulator";
import { buyer, png, seller, setup } from "./test-support";

it("a saved world, written to disk and loaded into a new simulator, keeps chats, posts and files", async () => {
  const { sim, api } = await setup({ firstUpdateId: 500 });
  const channel = sim.addChannel({ id: -1001, title: "Shop", username: "shop", owner: seller });
  const post = await api.sendPhoto(channel.id, new InputFile(png(640, 480), "mug.png"), {
    caption: "Mug",
  });
  await sim.start(buyer);
  await api.sendMessage(buyer.id, "Hello Bea");

  const revived = createTelegramSimulator();
  revived.load(deserialize(serialize(sim.save())));

  expect(revived.messages(buyer.id)).toEqual(sim.messages(buyer.id));
  expect(revived.messages(channel.id)).toEqual(sim.messages(channel.id));
  expect(revived.file(post.photo.at(-1)!.file_id)?.data).toEqual(new Uint8Array(png(640, 480)));
  // Update ids go on from where they were, so a bot that remembers them sees no replays.
  const next = await revived.sendText(buyer, "again");
  expect(next.update.update_id).toBe(501);
  // The revived world is a copy: the old one does not change with it.
  expect(sim.messages(buyer.id)).toHaveLength(2);
});
