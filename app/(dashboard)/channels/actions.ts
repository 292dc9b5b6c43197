"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { botIdentity, telegramApi } from "@/lib/services";
import { addChannel } from "@/lib/channels/connect-channel";
import { disconnectChannel } from "@/lib/channels/disconnect-channel";
import { database } from "@/lib/platform/database";
import { formText, signedInAction, signedInFormAction } from "@/lib/auth/signed-in-action";
import type { ChannelFormState } from "@/components/channels/connect-channel-form";

const channelForm = z.object({ ref: formText.transform((ref) => ref.trim()) });

export const connectChannel = signedInFormAction<typeof channelForm, ChannelFormState>(
  channelForm,
  {},
  async ({ ref }, user) => {
    const [api, bot] = [telegramApi(), await botIdentity()];
    // With a token but no bot identity, getMe did not get through: Telegram is unavailable.
    if (!api || !bot) return { ref, problem: api ? "telegram_unavailable" : "not_found" };
    const result = await addChannel(await database(), api, bot.id, user, ref);
    if (!result.ok) return { ref, problem: result.problem, bot: bot.username };
    revalidatePath("/channels");
    return { ref: "", added: result.channel.title };
  },
);

/** Disconnects one of the user's channels; someone else's, or a made-up id, changes nothing. */
export const disconnectChannelAction = signedInAction(async (user, form: FormData) => {
  if (await disconnectChannel(await database(), user, form.get("id"))) revalidatePath("/channels");
});
