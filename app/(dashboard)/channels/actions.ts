"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { telegramApi } from "@/lib/platform/services";
import { botIdentity } from "@/lib/telegram/bot-identity";
import { addChannel, type ChannelProblem } from "@/lib/channels/connect-channel";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { withRequestLog } from "@/lib/platform/request-log";

export interface ChannelFormState {
  ref: string;
  problem?: ChannelProblem;
  added?: string;
}

export async function connectChannel(_state: ChannelFormState, form: FormData) {
  return withRequestLog(async () => {
    const user = await currentUser();
    if (!user) redirect("/login");
    const ref = String(form.get("ref") ?? "").trim();
    const [api, bot] = [telegramApi(), await botIdentity()];
    if (!api || !bot) return { ref, problem: "not_found" as const };
    const result = await addChannel(await database(), api, bot.id, user, ref);
    if (!result.ok) return { ref, problem: result.problem };
    revalidatePath("/channels");
    return { ref: "", added: result.channel.title };
  });
}
