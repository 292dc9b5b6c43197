"use client";

import { useActionState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { primaryButton } from "@/components/ui/button-styles";
import { currencies } from "@/lib/catalog/currencies";
import type { FieldErrors } from "@/lib/platform/app-error";
import { fieldLabel, textInput } from "@/components/ui/field-styles";

export interface ProductFormState {
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
  /** A photo already stored by an earlier submit that failed validation. */
  photoKey?: string;
}

type Save = (state: ProductFormState, form: FormData) => Promise<ProductFormState>;

/** The form's texts, translated on the server (`productFormLabels`). */
export interface ProductFormLabels {
  title: string;
  description: string;
  descriptionHint: string;
  price: string;
  currency: string;
  stock: string;
  stockHint: string;
  photo: string;
  photoHint: string;
  currentPhoto: string;
  save: string;
  saving: string;
  /** Field errors by key, as templates: `tooLongForTelegram` says by how much (`{over}`). */
  errors: Record<string, string>;
}

const inputClass = `${textInput} w-full shadow-sm`;

/** The product editor: every field labelled, errors shown at the field that caused them. */
export function ProductForm({
  labels,
  action,
  initial,
  productId,
  hasPhoto,
}: {
  labels: ProductFormLabels;
  action: Save;
  initial: Record<string, string>;
  productId?: string;
  hasPhoto?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial, errors: {} });
  const value = (name: string) => state.values[name] ?? "";

  const field = (name: string, label: string, control: React.ReactNode, hint?: string) => {
    const error = state.errors[name];
    return (
      <div>
        <label htmlFor={name} className={fieldLabel}>
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
            {fillTemplate(labels.errors[error.key] ?? error.key, { over: error.over ?? 0 })}
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
        labels.title,
        <input {...described("title")} defaultValue={value("title")} className={inputClass} />,
      )}
      {field(
        "description",
        labels.description,
        <textarea
          {...described("description", true)}
          rows={5}
          defaultValue={value("description")}
          className={inputClass}
        />,
        labels.descriptionHint,
      )}
      <div className="grid gap-5 sm:grid-cols-3">
        {field(
          "price",
          labels.price,
          <input
            {...described("price")}
            inputMode="decimal"
            defaultValue={value("price")}
            className={inputClass}
          />,
        )}
        {field(
          "currency",
          labels.currency,
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
          labels.stock,
          <input
            {...described("stock", true)}
            inputMode="numeric"
            defaultValue={value("stock")}
            className={inputClass}
          />,
          labels.stockHint,
        )}
      </div>
      {field(
        "photo",
        labels.photo,
        <input
          {...described("photo", true)}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1`}
        />,
        hasPhoto ? `${labels.photoHint} ${labels.currentPhoto}` : labels.photoHint,
      )}
      <button type="submit" disabled={pending} className={primaryButton}>
        {pending ? labels.saving : labels.save}
      </button>
    </form>
  );
}
