import { getTranslations } from "next-intl/server";
import { BusinessForm, type BusinessFormLabels } from "@/components/settings/business-form";
import type { User } from "@/db/schema/users";
import { database } from "@/lib/platform/database";
import { findBusiness } from "@/lib/invoices/business-details";
import { saveBusinessAction } from "./business-action";

/** The invoice details form, filled with what the seller saved before. */
export async function BusinessSection({ user }: { user: User }) {
  const [t, business] = await Promise.all([
    getTranslations("settingsPage.business"),
    findBusiness(await database(), user.id),
  ]);
  const labels: BusinessFormLabels = {
    legalName: t("legalName"),
    address: t("address"),
    addressHint: t("addressHint"),
    vatId: t("vatId"),
    vatIdHint: t("vatIdHint"),
    vatMode: t("vatMode"),
    standard: t("standard"),
    smallBusiness: t("smallBusiness"),
    vatRate: t("vatRate"),
    save: t("save"),
    saved: t("saved"),
    errors: {
      required: t("errors.required"),
      tooLong: t("errors.tooLong"),
      invalidVatId: t("errors.invalidVatId"),
      invalidVatRate: t("errors.invalidVatRate"),
      invalidVatMode: t("errors.invalidVatMode"),
    },
  };
  const initial = {
    legalName: business?.legalName ?? user.name,
    address: business?.address ?? "",
    vatId: business?.vatId ?? "",
    vatMode: business?.vatMode ?? "standard",
    vatRate: business ? String(business.vatRateBasisPoints / 100) : "19",
  };
  return <BusinessForm action={saveBusinessAction} labels={labels} initial={initial} />;
}
