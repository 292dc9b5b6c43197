"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { TimeZoneFormState } from "@/components/settings/time-zone-form";
import { formValues, signedInFormAction } from "@/lib/auth/signed-in-action";
import { chooseTimeZone, timeZoneSchema } from "@/lib/auth/time-zone";
import { database } from "@/lib/platform/database";

const timeZoneForm = z.object({ timeZone: timeZoneSchema });

/** Stores the zone chosen in Settings; from then on the browser's own no longer replaces it. */
export const chooseTimeZoneAction = signedInFormAction<typeof timeZoneForm, TimeZoneFormState>(
  timeZoneForm,
  {
    refused: (error, form) => {
      if (error.code !== "invalid") throw error;
      return { error: "timeZone", value: String(formValues(form).timeZone ?? "") };
    },
  },
  async ({ timeZone }, user) => {
    await chooseTimeZone(await database(), user.id, timeZone);
    // Every page's dates change, not only this one's.
    revalidatePath("/", "layout");
    return { saved: true, value: timeZone };
  },
);
