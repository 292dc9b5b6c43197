"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * The filters behind a "Filters (n)" button on a phone, where the open form would fill the
 * first screen before a single order; from `md` up they are always open and the button is
 * gone. Opens by itself when a filter was refused, so the reason is not hidden.
 */
export function FiltersDisclosure({
  label,
  defaultOpen,
  children,
}: {
  label: string;
  defaultOpen: boolean;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(defaultOpen);
  const panel = useId();
  return (
    <div className="mb-4">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panel}
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-2 rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 md:hidden"
      >
        {label}
        <span aria-hidden="true">{open ? "▲" : "▼"}</span>
      </button>
      <div id={panel} className={open ? "mt-2 md:mt-0" : "hidden md:block"}>
        {children}
      </div>
    </div>
  );
}
