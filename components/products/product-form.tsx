"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { ProductFormState } from "@/app/(dashboard)/products/actions";
import { currencies } from "@/db/schema";
import { primaryButton } from "@/components/ui/button-styles";

type Save = (state: ProductFormState, form: FormData) => Promise<ProductFormState>;

const inputClass =
  "mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-2 focus:outline-brand-500 aria-[invalid=true]:border-red-500";

/** The product editor: every field labelled, errors shown at the field that caused them. */
export function ProductForm({
  action,
  initial,
  productId,
  hasPhoto,
}: {
  action: Save;
  initial: Record<string, string>;
  productId?: string;
  hasPhoto?: boolean;
}) {
  const t = useTranslations("productForm");
  const [state, formAction, pending] = useActionState(action, { values: initial, errors: {} });
  const value = (name: string) => state.values[name] ?? "";

  const field = (name: string, label: string, control: React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    return (
      <div>
        <label htmlFor={name} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {control}
        {hint ? (
          <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
            {t(`errors.${error.key}`, { over: error.over ?? 0 })}
          </p>
        ) : null}
      </div>
    );
  };
  const described = (name: string, hint = false) => ({
    id: name,
    name,
    "aria-invalid": Boolean(state.errors[name]),
    "aria-describedby":
      [hint ? `${name}-hint` : "", state.errors[name] ? `${name}-error` : ""]
        .filter(Boolean)
        .join(" ") || undefined,
  });

  return (
    <form action={formAction} className="max-w-2xl space-y-5" noValidate>
      {productId ? <input type="hidden" name="id" value={productId} /> : null}
      {state.photoKey ? <input type="hidden" name="photoKey" value={state.photoKey} /> : null}
      {field(
        "title",
        t("title"),
        <input {...described("title")} defaultValue={value("title")} className={inputClass} />,
      )}
      {field(
        "description",
        t("description"),
        <textarea
          {...described("description", true)}
          rows={5}
          defaultValue={value("description")}
          className={inputClass}
        />,
        t("descriptionHint"),
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        {field(
          "price",
          t("price"),
          <input
            {...described("price")}
            inputMode="decimal"
            defaultValue={value("price")}
            className={inputClass}
          />,
        )}
        {field(
          "currency",
          t("currency"),
          <select
            {...described("currency")}
            defaultValue={value("currency") || "EUR"}
            className={inputClass}
          >
            {currencies.map((currency) => (
              <option key={currency}>{currency}</option>
            ))}
          </select>,
        )}
        {field(
          "stock",
          t("stock"),
          <input
            {...described("stock", true)}
            inputMode="numeric"
            defaultValue={value("stock")}
            className={inputClass}
          />,
          t("stockHint"),
        )}
      </div>
      {field(
        "photo",
        t("photo"),
        <input
          {...described("photo", true)}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`}
        />,
        hasPhoto ? `${t("photoHint")} ${t("currentPhoto")}` : t("photoHint"),
      )}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? t("saving") : t("save")}
      </button>
    </form>
  );
}
