"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { PreviewResult, StartResult } from "@/components/settings/deploy-types";
import { apiTokenName, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { ecsTarget } from "@/lib/services";
import { database } from "@/lib/platform/database";
import type { AppError } from "@/lib/platform/app-error";
import { deployRefusalOf, previewDeploy, startDeploy } from "@/lib/deploy/start-deploy";
import { trackDeployment } from "@/lib/deploy/track-deployment";
import { settings } from "@/lib/platform/env";
import { createInvite } from "@/lib/auth/create-invite";
import { endEverySession, endSessionsOf } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/platform/record-audit";
import { formText, signedInAction, signedInFormAction } from "@/lib/auth/signed-in-action";
import { deployProgressView } from "./deploy-view";
import type { User } from "@/db/schema/users";
import type { SecretFormState } from "@/components/settings/secret-form";

const tokenForm = z.object({ name: formText.pipe(apiTokenName) });

export const createTokenAction = signedInFormAction<typeof tokenForm, SecretFormState>(
  tokenForm,
  { refused: (error) => ({ error: error.details.fields?.name?.key ?? "required" }) },
  async ({ name }, user) => {
    const { token } = await createApiToken(await database(), user, name);
    revalidatePath("/settings/developers");
    return { secret: token };
  },
);

export const revokeTokenAction = signedInAction(async (user, form: FormData) => {
  await revokeApiToken(await database(), user, String(form.get("id") ?? ""));
  revalidatePath("/settings/developers");
});

export const createInviteAction = signedInAction(
  async (user): Promise<SecretFormState> => {
    const { token } = await createInvite(await database(), user);
    const link = new URL("/login", settings().PUBLIC_URL);
    link.searchParams.set("invite", token);
    return { secret: link.toString() };
  },
  // The invite form shows no refusal of its own; only admins see it at all.
  { admin: true, refused: () => ({ error: "required" }) },
);

/** Ends every session of the signed-in user, this one included: a lost phone, a shared PC. */
export const signOutEverywhereAction = signedInAction(async (user) => {
  const db = await database();
  const ended = await endSessionsOf(db, user.id);
  await recordAudit(db, { actorUserId: user.id, action: "sessions.ended", data: { ended } });
  redirect("/login");
});

/** An admin's emergency brake (a leaked secret, a departed colleague): every session ends. */
export const signOutEveryoneAction = signedInAction(
  async (user) => {
    const db = await database();
    const ended = await endEverySession(db);
    await recordAudit(db, { actorUserId: user.id, action: "sessions.ended_all", data: { ended } });
    redirect("/login");
  },
  { admin: true },
);

// The deploy panel's wording of a refusal: its reason, and ECS's own words for ecsFailed.
function refused(error: AppError): Extract<PreviewResult, { ok: false }> {
  const detail = error.details.detail;
  return { ok: false, error: deployRefusalOf(error), ...(detail ? { detail } : {}) };
}

/** The confirmation step: what runs now and what the tag would run (admins only, in lib). */
// Arguments of a server action come from the network: lib's zod schema decides what a tag is.
export const previewDeployAction = signedInAction(
  async (user: User, tag: unknown): Promise<PreviewResult> => {
    const preview = await previewDeploy(
      await database(),
      ecsTarget(),
      { user },
      {
        tag: tag as string,
      },
    );
    return { ok: true, ...preview };
  },
  { refused },
);

/** Starts the rollout (admins only, in lib; audited) and returns its first progress. */
export const startDeployAction = signedInAction(
  async (user: User, tag: unknown): Promise<StartResult> => {
    const db = await database();
    await startDeploy(db, ecsTarget(), { user }, { tag: tag as string });
    const progress = await trackDeployment(db, ecsTarget(), { user });
    if (!progress) throw new Error("the new deployment is missing");
    revalidatePath("/settings/system");
    return { ok: true, progress: await deployProgressView(progress) };
  },
  { refused },
);
