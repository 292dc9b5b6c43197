"use client";

import { useActionState, useState } from "react";
import { primaryButton } from "@/components/ui/button-styles";
import { fieldLabel, textInput } from "@/components/ui/field-styles";

export interface BusinessFormState {
  saved?: boolean;
  /** Field name → error key, translated by the form. */
  errors?: Partial<Record<string, string>>;
  /** What was typed, kept across a failed save. */
  values?: Record<string, string>;
}

export interface BusinessFormLabels {
  legalName: string;
  address: string;
  addressHint: string;
  vatId: string;
  vatIdHint: string;
  vatMode: string;
  standard: string;
  smallBusiness: string;
  vatRate: string;
  save: string;
  saved: string;
  /** Error key → text. */
  errors: Record<string, string>;
}

type Field = "legalName" | "address" | "vatId" | "vatRate";

const inputClass = `${textInput} w-full max-w-md`;

/** The seller's details as their invoices print them, and how VAT is shown. */
export function BusinessForm({
  action,
  labels,
  initial,
}: {
  action: (state: BusinessFormState, form: FormData) => Promise<BusinessFormState>;
  labels: BusinessFormLabels;
  initial: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial });
  const values = state.values ?? initial;
  const [mode, setMode] = useState(values.vatMode ?? "standard");
  const error = (field: Field) => state.errors?.[field];
  const described = (field: Field, hint?: boolean) =>
    [error(field) ? `business-${field}-error` : "", hint ? `business-${field}-hint` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const errorText = (field: Field) =>
    error(field) ? (
      <p id={`business-${field}-error`} className="mt-1 text-sm text-red-700">
        {labels.errors[error(field)!] ?? error(field)}
      </p>
    ) : null;

  return (
    <form action={formAction} className="space-y-4">
      <div>
        <label htmlFor="business-legalName" className={fieldLabel}>
          {labels.legalName}
        </label>
        <input
          id="business-legalName"
          name="legalName"
          defaultValue={values.legalName}
          aria-invalid={Boolean(error("legalName"))}
          aria-describedby={described("legalName")}
          className={inputClass}
        />
        {errorText("legalName")}
      </div>
      <div>
        <label htmlFor="business-address" className={fieldLabel}>
          {labels.address}
        </label>
        <textarea
          id="business-address"
          name="address"
          rows={3}
          defaultValue={values.address}
          aria-invalid={Boolean(error("address"))}
          aria-describedby={described("address", true)}
          className={inputClass}
        />
        <p id="business-address-hint" className="mt-1 text-xs text-slate-500">
          {labels.addressHint}
        </p>
        {errorText("address")}
      </div>
      <div>
        <label htmlFor="business-vatId" className={fieldLabel}>
          {labels.vatId}
        </label>
        <input
          id="business-vatId"
          name="vatId"
          defaultValue={values.vatId}
          aria-invalid={Boolean(error("vatId"))}
          aria-describedby={described("vatId", true)}
          className={inputClass}
        />
        <p id="business-vatId-hint" className="mt-1 text-xs text-slate-500">
          {labels.vatIdHint}
        </p>
        {errorText("vatId")}
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{labels.vatMode}</legend>
        {(["standard", "small_business"] as const).map((option) => (
          <label key={option} className="mt-2 flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="vatMode"
              value={option}
              checked={mode === option}
              onChange={() => setMode(option)}
            />
            {option === "standard" ? labels.standard : labels.smallBusiness}
          </label>
        ))}
      </fieldset>
      {mode === "standard" ? (
        <div>
          <label htmlFor="business-vatRate" className={fieldLabel}>
            {labels.vatRate}
          </label>
          <input
            id="business-vatRate"
            name="vatRate"
            inputMode="decimal"
            defaultValue={values.vatRate ?? "19"}
            aria-invalid={Boolean(error("vatRate"))}
            aria-describedby={described("vatRate")}
            className={`${inputClass} max-w-24`}
          />
          {errorText("vatRate")}
        </div>
      ) : null}
      <button type="submit" disabled={pending} className={primaryButton}>
        {labels.save}
      </button>
      {state.saved ? (
        <p role="status" className="text-sm text-emerald-800">
          {labels.saved}
        </p>
      ) : null}
    </form>
  );
}
