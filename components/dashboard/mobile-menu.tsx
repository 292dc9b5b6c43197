"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// The layout survives navigation, so an opened menu would stay open over the next page;
// closing it when the path changes is what a phone user expects.
export function MobileMenu({ label, children }: { label: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);
  return (
    <details ref={details} className="border-t border-slate-100 px-4 py-2">
      <summary className="cursor-pointer py-1 text-sm font-medium text-slate-700">{label}</summary>
      {children}
    </details>
  );
}
