import { InputFile, InputMediaBuilder } from "grammy";
import type { Message } from "grammy/types";
import { describe, expect, it } from "vitest";
import { buyer, png, setup } from "./test-support";

describe("Telegram simulator: sendMediaGroup", () => {
  it("posts uploads and file_ids as one album, in order, and answers its messages", async () => {
    const { sim, api } = await setup();
    sim.markStarted(buyer);
    const first = await api.sendPhoto(buyer.id, new InputFile(png(640, 480), "front.png"));
    const known = first.photo.at(-1)?.file_id ?? "";
    // Typed as any album's messages (live photos, videos…): these are plain photo messages.
    const album: Message[] = await api.sendMediaGroup(buyer.id, [
      InputMediaBuilder.photo(new InputFile(png(300, 200), "side.png"), {
        caption: "<b>Side</b>",
        parse_mode: "HTML",
      }),
      InputMediaBuilder.photo(known),
      InputMediaBuilder.photo(new InputFile(png(100, 400), "back.png")),
    ]);
    expect(album).toHaveLength(3);
    const groups = new Set(album.map((message) => message.media_group_id));
    expect(groups.size).toBe(1);
    expect([...groups][0]).toMatch(/^\d+$/);
    expect(album.map((message) => message.photo?.at(-1)?.width)).toEqual([300, 640, 100]);
    expect(album[0]).toMatchObject({
      caption: "Side",
      caption_entities: [{ type: "bold", offset: 0, length: 4 }],
    });
    expect(album[1]?.photo).toEqual(first.photo);
    expect(
      sim
        .messages(buyer.id)
        .slice(-3)
        .map((m) => m.message_id),
    ).toEqual(album.map((m) => m.message_id));
    // The new uploads' file_ids work for later sends, as any upload's do.
    const again = album[2]?.photo?.at(-1)?.file_id ?? "";
    expect((await api.sendPhoto(buyer.id, again)).photo).toEqual(album[2]?.photo);
  });

  it("refuses fewer than two or more than ten items, and an album with an unknown file_id", async () => {
    const { sim, api } = await setup();
    sim.markStarted(buyer);
    const one = [InputMediaBuilder.photo(new InputFile(png(10, 10), "a.png"))];
    await expect(api.sendMediaGroup(buyer.id, one)).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: media must include 2-10 items",
    });
    const eleven = Array.from({ length: 11 }, (_, i) =>
      InputMediaBuilder.photo(new InputFile(png(10, 10), `${i}.png`)),
    );
    await expect(api.sendMediaGroup(buyer.id, eleven)).rejects.toMatchObject({ error_code: 400 });
    const before = sim.messages(buyer.id).length;
    await expect(
      api.sendMediaGroup(buyer.id, [
        InputMediaBuilder.photo(new InputFile(png(10, 10), "a.png")),
        InputMediaBuilder.photo("never-issued"),
      ]),
    ).rejects.toMatchObject({
      description: "Bad Request: wrong file identifier/HTTP URL specified",
    });
    // Nothing of a refused album is posted.
    expect(sim.messages(buyer.id)).toHaveLength(before);
  });
});
