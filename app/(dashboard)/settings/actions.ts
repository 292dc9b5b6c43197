"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { apiTokenName, createApiToken, revokeApiToken } from "@/lib/api-tokens";
import { currentUser } from "@/lib/current-user";
import { database } from "@/lib/database";
import { settings } from "@/lib/env";
import { createInvite } from "@/lib/sellers";
import { withRequestLog } from "@/lib/request-log";

export interface SecretFormState {
  /** Shown once: a new API token or invite link. */
  secret?: string;
  error?: string;
}

async function signedIn() {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}

export async function createTokenAction(_state: SecretFormState, form: FormData) {
  return withRequestLog(async () => {
    const user = await signedIn();
    const name = apiTokenName.safeParse(form.get("name") ?? "");
    if (!name.success) return { error: name.error.issues[0]?.message ?? "required" };
    const { token } = await createApiToken(await database(), user, name.data);
    revalidatePath("/settings");
    return { secret: token };
  });
}

export async function revokeTokenAction(form: FormData) {
  return withRequestLog(async () => {
    const user = await signedIn();
    await revokeApiToken(await database(), user, String(form.get("id") ?? ""));
    revalidatePath("/settings");
  });
}

export async function createInviteAction(): Promise<SecretFormState> {
  return withRequestLog(async () => {
    const user = await signedIn();
    if (user.role !== "admin") return { error: "required" };
    const { token } = await createInvite(await database(), user);
    const link = new URL("/login", settings().PUBLIC_URL);
    link.searchParams.set("invite", token);
    return { secret: link.toString() };
  });
}
