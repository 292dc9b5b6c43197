"use client";

import { useActionState, useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { PostPreview } from "@/components/publish/post-preview";
import { primaryButton } from "@/components/ui/button-styles";
import { currencies, type Currency } from "@/lib/catalog/currencies";
import type { FieldErrors } from "@/lib/platform/app-error";
import { parseMajorUnits } from "@/lib/platform/money-input";
import { fieldLabel, textInput } from "@/components/ui/field-styles";
import { PhotoDropZone } from "./photo-drop-zone";

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
  /** Over the photo field: it takes a dropped file as well as a chosen one. */
  dropHint: string;
  /** The live preview's heading and its Buy button, in the bot's words. */
  preview: string;
  buy: string;
  save: string;
  saving: string;
  /** Field errors by key, as templates: `tooLongForTelegram` says by how much (`{over}`). */
  errors: Record<string, string>;
}

const inputClass = `${textInput} w-full shadow-sm`;

/** What the live preview shows: the form's fields as typed, before anything is saved. */
function draftOf(form: HTMLFormElement) {
  const data = new FormData(form);
  return Object.fromEntries(
    ["title", "description", "price", "currency"].map((name) => [
      name,
      String(data.get(name) ?? ""),
    ]),
  );
}

/**
 * The product editor: every field labelled, errors shown at the field that caused them, and
 * beside it the channel post as it would look with what is typed now.
 */
export function ProductForm({
  labels,
  action,
  initial,
  productId,
  hasPhoto,
  locale,
}: {
  labels: ProductFormLabels;
  action: Save;
  initial: Record<string, string>;
  productId?: string;
  hasPhoto?: boolean;
  /** The seller's language: the post's price is formatted as the bot formats it. */
  locale: string;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial, errors: {} });
  const value = (name: string) => state.values[name] ?? "";
  const currentPhotoUrl = hasPhoto && productId ? `/api/products/${productId}/photo` : undefined;
  const [draft, setDraft] = useState<Partial<Record<string, string>>>(() => ({ ...initial }));
  // A refused save shows the typed values again (React resets the form after an action):
  // the preview follows them.
  const [shownState, setShownState] = useState(state);
  if (shownState !== state) {
    setShownState(state);
    setDraft({ ...initial, ...state.values });
  }
  const [photoUrl, setPhotoUrl] = useState(currentPhotoUrl);
  // A price not readable yet (half typed) previews as 0 rather than hiding the post.
  const previewContent = {
    title: draft.title ?? "",
    description: draft.description ?? "",
    price: parseMajorUnits(draft.price ?? "") ?? 0,
    currency: (currencies.includes(draft.currency as Currency)
      ? draft.currency
      : "EUR") as Currency,
  };

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
    <div className="grid items-start gap-8 lg:grid-cols-[minmax(0,42rem)_minmax(0,24rem)]">
      <form
        action={formAction}
        onChange={(event) => setDraft(draftOf(event.currentTarget))}
        className="max-w-2xl space-y-5"
        noValidate
      >
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
          <PhotoDropZone
            inputProps={described("photo", true)}
            dropHint={labels.dropHint}
            currentPhotoUrl={currentPhotoUrl}
            onPhoto={setPhotoUrl}
          />,
          hasPhoto ? `${labels.photoHint} ${labels.currentPhoto}` : labels.photoHint,
        )}
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? labels.saving : labels.save}
        </button>
      </form>
      <section aria-labelledby="live-preview-title" className="lg:sticky lg:top-6">
        <h2 id="live-preview-title" className="mb-2 text-sm font-medium text-slate-600">
          {labels.preview}
        </h2>
        <PostPreview
          content={previewContent}
          photoUrl={photoUrl}
          locale={locale}
          buyLabel={labels.buy}
        />
      </section>
    </div>
  );
}
