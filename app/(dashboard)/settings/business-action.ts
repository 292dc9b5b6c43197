"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { database } from "@/lib/platform/database";
import { saveBusiness } from "@/lib/invoices/business-details";
import { formText, formValues, signedInFormAction } from "@/lib/auth/signed-in-action";
import type { BusinessFormState } from "@/components/settings/business-form";

const businessForm = z.object({
  legalName: formText,
  address: formText,
  vatId: formText,
  vatMode: formText,
  vatRate: formText,
});

/** Saves the signed-in seller's invoice details; errors come back per field. */
export const saveBusinessAction = signedInFormAction<typeof businessForm, BusinessFormState>(
  businessForm,
  {
    refused: (error, form) => {
      if (error.code !== "invalid") throw error;
      const fields = Object.entries(error.details.fields ?? {});
      return {
        errors: Object.fromEntries(fields.map(([field, problem]) => [field, problem?.key])),
        values: businessForm.parse(formValues(form)),
      };
    },
  },
  async (values, user) => {
    await saveBusiness(await database(), user, values);
    revalidatePath("/settings");
    return { saved: true, values };
  },
);
