"use client";

import { useActionState, useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { PostPreview } from "@/components/publish/post-preview";
import { primaryButton } from "@/components/ui/button-styles";
import { currencies, type Currency } from "@/lib/catalog/currencies";
import type { FieldErrors } from "@/lib/platform/app-error";
import { parseMajorUnits } from "@/lib/platform/money-input";
import { fieldLabel, textInput } from "@/components/ui/field-styles";
import type { StoredPhoto } from "@/lib/catalog/store-photo";
import { ProductGalleryEditor, type GalleryLabels } from "./product-gallery-editor";

export interface ProductFormState {
  values: Partial<Record<string, string>>;
  errors: FieldErrors;
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
  photos: string;
  photosHint: string;
  gallery: GalleryLabels;
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
  photoKeys = [],
  uploadPhoto,
  locale,
}: {
  labels: ProductFormLabels;
  action: Save;
  initial: Record<string, string>;
  productId?: string;
  /** The saved gallery, the cover first. */
  photoKeys?: string[];
  /** Stores one photo before the save (uploadProductPhotoAction). */
  uploadPhoto: (form: FormData) => Promise<StoredPhoto>;
  /** The seller's language: the post's price is formatted as the bot formats it. */
  locale: string;
}) {
  const [state, formAction, pending] = useActionState(action, { values: initial, errors: {} });
  const value = (name: string) => state.values[name] ?? "";
  const [draft, setDraft] = useState<Partial<Record<string, string>>>(() => ({ ...initial }));
  // A refused save shows the typed values again (React resets the form after an action):
  // the preview follows them.
  const [shownState, setShownState] = useState(state);
  if (shownState !== state) {
    setShownState(state);
    setDraft({ ...initial, ...state.values });
  }
  // The preview shows the cover as the gallery editor orders it, saved or not.
  const [photoUrl, setPhotoUrl] = useState<string>();
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
          "photos",
          labels.photos,
          <ProductGalleryEditor
            productId={productId}
            initialKeys={photoKeys}
            upload={uploadPhoto}
            labels={labels.gallery}
            inputProps={described("photos", true)}
            onCoverChange={setPhotoUrl}
          />,
          labels.photosHint,
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
