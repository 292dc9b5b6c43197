"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { PreviewResult, StartResult } from "@/components/settings/deploy-types";
import { apiTokenName, createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { ecsTarget } from "@/lib/platform/services";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { DeployRefused, previewDeploy, startDeploy } from "@/lib/deploy/start-deploy";
import { trackDeployment } from "@/lib/deploy/track-deployment";
import { settings } from "@/lib/platform/env";
import { createInvite } from "@/lib/auth/sign-in-seller";
import { deployProgressView } from "./deploy-view";
import { withRequestLog } from "@/lib/platform/request-log";

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

/** The confirmation step: what runs now and what the tag would run (admins only, in lib). */
// Arguments of a server action come from the network: lib's zod schema decides what a tag is.
export async function previewDeployAction(tag: unknown): Promise<PreviewResult> {
  return withRequestLog(() => previewDeployFor(tag));
}

async function previewDeployFor(tag: unknown): Promise<PreviewResult> {
  const user = await signedIn();
  try {
    const preview = await previewDeploy(
      await database(),
      ecsTarget(),
      { user },
      {
        tag: tag as string,
      },
    );
    return { ok: true, ...preview };
  } catch (error) {
    return refused(error);
  }
}

/** Starts the rollout (admins only, in lib; audited) and returns its first progress. */
export async function startDeployAction(tag: unknown): Promise<StartResult> {
  return withRequestLog(() => startDeployFor(tag));
}

async function startDeployFor(tag: unknown): Promise<StartResult> {
  const user = await signedIn();
  try {
    const db = await database();
    await startDeploy(db, ecsTarget(), { user }, { tag: tag as string });
    const progress = await trackDeployment(db, ecsTarget(), { user });
    if (!progress) throw new Error("the new deployment is missing");
    revalidatePath("/settings");
    return { ok: true, progress: await deployProgressView(progress) };
  } catch (error) {
    return refused(error);
  }
}

function refused(error: unknown): Extract<PreviewResult, { ok: false }> {
  if (!(error instanceof DeployRefused)) throw error;
  return { ok: false, error: error.reason, ...(error.detail ? { detail: error.detail } : {}) };
}
