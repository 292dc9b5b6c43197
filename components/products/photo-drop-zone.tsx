"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";

/**
 * The photo field as a drop zone with a preview. Still a real <input type=file> (labelled,
 * keyboard- and screen-reader-usable, submitted with the form as before): a dropped file is put
 * into that input, so the form sends it like a chosen one.
 */
export function PhotoDropZone({
  inputProps,
  dropHint,
  currentPhotoUrl,
  onPhoto,
}: {
  inputProps: ComponentProps<"input">;
  dropHint: string;
  currentPhotoUrl?: string;
  /** The picture to preview: the chosen file's blob: URL, or the current photo's. */
  onPhoto: (url: string | undefined) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [chosenUrl, setChosenUrl] = useState<string>();
  const [dragging, setDragging] = useState(false);
  // A blob: URL holds the file in memory until revoked: one per chosen file, freed on the next.
  useEffect(() => (chosenUrl ? () => URL.revokeObjectURL(chosenUrl) : undefined), [chosenUrl]);
  const shown = chosenUrl ?? currentPhotoUrl;

  function choose(files: FileList | null) {
    const file = files?.[0];
    const url = file && file.type.startsWith("image/") ? URL.createObjectURL(file) : undefined;
    setChosenUrl(url);
    onPhoto(url ?? currentPhotoUrl);
  }

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
        if (!input.current || event.dataTransfer.files.length === 0) return;
        input.current.files = event.dataTransfer.files;
        choose(event.dataTransfer.files);
      }}
      className="mt-1 flex items-center gap-4 rounded-lg border-2 border-dashed border-slate-300 bg-white p-4 data-[dragging]:border-brand-500 data-[dragging]:bg-brand-50"
    >
      {shown ? (
        // eslint-disable-next-line @next/next/no-img-element -- a blob: URL or the private photo route
        <img
          src={shown}
          alt=""
          data-testid="photo-preview"
          className="size-20 shrink-0 rounded-md object-cover"
        />
      ) : (
        <span aria-hidden="true" className="block size-20 shrink-0 rounded-md bg-slate-100" />
      )}
      <div className="min-w-0 flex-1 space-y-2">
        <p className="text-sm text-slate-600">{dropHint}</p>
        <input
          {...inputProps}
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          onChange={(event) => choose(event.currentTarget.files)}
          className="block w-full text-sm file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-3 file:py-1"
        />
      </div>
    </div>
  );
}
