"use client";

import { useEffect, useRef, useState } from "react";
import { fillTemplate } from "@/components/i18n/fill-template";
import { Badge } from "@/components/ui/badge";
import type { StoredPhoto } from "@/lib/catalog/store-photo";

// As db/schema/catalog.ts MAX_PRODUCT_PHOTOS and store-photo.ts MAX_PHOTO_BYTES: those files
// are server-only (drizzle, sharp), so the browser gets the numbers, and the server checks again.
const MAX_PHOTOS = 10;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
// Three to a thumbnail's width: the secondary button's look without its wide padding (the
// Button primitive's padding cannot be narrowed by an added class).
const tileButton =
  "flex-1 rounded-md border border-slate-300 bg-white py-1 text-sm text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 disabled:opacity-40";

/** The gallery editor's texts; templates take `{n}`, `{count}`, `{name}` and `{problem}`. */
export interface GalleryLabels {
  dropHint: string;
  cover: string;
  photoAlt: string;
  moveLeft: string;
  moveRight: string;
  remove: string;
  uploading: string;
  full: string;
  /** "{name}: {problem}", the problem one of `problems`. */
  refused: string;
  problems: Record<string, string>;
}

interface Photo {
  key: string;
  url: string;
}

/**
 * The product's photos in order, the first the cover: add several (chosen or dropped), move
 * left or right, remove. Each photo is uploaded on its own as soon as it is added (`upload`,
 * one request per photo, well under the server actions' 11 MB); the form then saves only their
 * keys, as hidden `photoKeys` fields in the shown order.
 */
export function ProductGalleryEditor({
  productId,
  initialKeys,
  upload,
  labels,
  inputProps,
  onCoverChange,
}: {
  productId?: string;
  initialKeys: string[];
  upload: (form: FormData) => Promise<StoredPhoto>;
  labels: GalleryLabels;
  inputProps: { id: string; "aria-describedby"?: string; "aria-invalid"?: boolean };
  /** The cover's address, for the live preview; undefined when there are no photos. */
  onCoverChange: (url: string | undefined) => void;
}) {
  const [photos, setPhotos] = useState<Photo[]>(() =>
    initialKeys.map((key) => ({ key, url: `/api/products/${productId}/photos/${key}` })),
  );
  const [uploading, setUploading] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  // A blob: URL holds its file in memory until revoked: all of them go with the page.
  const blobUrls = useRef<string[]>([]);
  useEffect(() => () => blobUrls.current.forEach((url) => URL.revokeObjectURL(url)), []);
  const coverUrl = photos[0]?.url;
  useEffect(() => onCoverChange(coverUrl), [coverUrl, onCoverChange]);

  async function add(files: File[]) {
    const found: string[] = [];
    let room = MAX_PHOTOS - photos.length;
    for (const file of files) {
      if (room <= 0) {
        found.push(labels.full);
        break;
      }
      // Refused here rather than sent: the server would refuse it after the whole upload.
      const result: StoredPhoto | { ok: false; error: "uploadFailed" } =
        file.size > MAX_PHOTO_BYTES
          ? { ok: false, error: "photoTooLarge" }
          : await uploadOne(file).catch(() => ({ ok: false, error: "uploadFailed" }) as const);
      if (result.ok) {
        const url = URL.createObjectURL(file);
        blobUrls.current.push(url);
        setPhotos((shown) => [...shown, { key: result.key, url }]);
        room--;
      } else {
        const problem = labels.problems[result.error] ?? result.error;
        found.push(fillTemplate(labels.refused, { name: file.name, problem }));
      }
    }
    setUploading(undefined);
    setProblems(found);
  }

  function uploadOne(file: File) {
    setUploading(fillTemplate(labels.uploading, { name: file.name }));
    const form = new FormData();
    form.append("photo", file);
    return upload(form);
  }

  const move = (from: number, to: number) =>
    setPhotos((shown) => {
      const next = [...shown];
      const [photo] = next.splice(from, 1);
      if (photo) next.splice(to, 0, photo);
      return next;
    });
  const remove = (index: number) => setPhotos((shown) => shown.filter((_, i) => i !== index));
  const full = photos.length >= MAX_PHOTOS;

  return (
    <div
      data-testid="photo-drop-zone"
      data-dragging={dragging || undefined}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void add([...event.dataTransfer.files]);
      }}
      className="mt-1 space-y-3 rounded-lg border-2 border-dashed border-slate-300 bg-white p-4 data-[dragging]:border-brand-500 data-[dragging]:bg-brand-50"
    >
      {photos.map(({ key }) => (
        <input key={key} type="hidden" name="photoKeys" value={key} />
      ))}
      {photos.length > 0 ? (
        <ol className="flex flex-wrap gap-3" data-testid="gallery">
          {photos.map((photo, index) => {
            const n = { n: index + 1, count: photos.length };
            return (
              <li key={photo.key} className="w-28 space-y-1" data-testid="gallery-photo">
                <div className="relative">
                  {/* eslint-disable-next-line @next/next/no-img-element -- a blob: URL or the private photo route */}
                  <img
                    src={photo.url}
                    alt={fillTemplate(labels.photoAlt, n)}
                    className="size-28 rounded-md object-cover ring-1 ring-slate-200"
                  />
                  {index === 0 ? (
                    <Badge className="absolute top-1 left-1 shadow">{labels.cover}</Badge>
                  ) : null}
                </div>
                <div className="flex justify-between gap-1">
                  <button
                    type="button"
                    className={tileButton}
                    aria-label={fillTemplate(labels.moveLeft, n)}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ←
                  </button>
                  <button
                    type="button"
                    className={tileButton}
                    aria-label={fillTemplate(labels.moveRight, n)}
                    disabled={index === photos.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    →
                  </button>
                  <button
                    type="button"
                    className={`${tileButton} text-red-700`}
                    aria-label={fillTemplate(labels.remove, n)}
                    onClick={() => remove(index)}
                  >
                    ×
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      ) : null}
      <p className="text-sm text-slate-600">{full ? labels.full : labels.dropHint}</p>
      <input
        {...inputProps}
        // Not sent with the form: each photo went up on its own when it was added.
        name={undefined}
        type="file"
        multiple
        disabled={full || uploading !== undefined}
        accept="image/jpeg,image/png,image/webp"
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          // Cleared, so choosing the same file again adds it again; not sent with the form.
          event.currentTarget.value = "";
          void add(files);
        }}
        className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
      />
      <div aria-live="polite" className="space-y-1 text-sm">
        {uploading ? <p className="text-slate-600">{uploading}</p> : null}
        {problems.map((problem) => (
          <p key={problem} className="text-red-700">
            {problem}
          </p>
        ))}
      </div>
    </div>
  );
}
