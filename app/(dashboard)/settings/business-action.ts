"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { database } from "@/lib/platform/database";
import { withRequestLog } from "@/lib/platform/request-log";
import {
  BusinessInvalid,
  saveBusiness,
  type BusinessFieldErrors,
} from "@/lib/invoices/business-details";

export interface BusinessFormState {
  saved?: boolean;
  /** Field name → error key, translated by the form. */
  errors?: BusinessFieldErrors;
  /** What was typed, kept across a failed save. */
  values?: Record<string, string>;
}

const fields = ["legalName", "address", "vatId", "vatMode", "vatRate"] as const;

/** Saves the signed-in seller's invoice details; errors come back per field. */
export async function saveBusinessAction(
  state: BusinessFormState,
  form: FormData,
): Promise<BusinessFormState> {
  return withRequestLog(() => saveBusinessFor(form));
}

async function saveBusinessFor(form: FormData): Promise<BusinessFormState> {
  const user = await currentUser();
  if (!user) redirect("/login");
  const values = Object.fromEntries(fields.map((field) => [field, String(form.get(field) ?? "")]));
  try {
    await saveBusiness(await database(), user, values);
  } catch (error) {
    if (error instanceof BusinessInvalid) return { errors: error.fieldErrors, values };
    throw error;
  }
  revalidatePath("/settings");
  return { saved: true, values };
}
