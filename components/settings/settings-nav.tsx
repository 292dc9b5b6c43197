"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { settingsSections } from "./settings-sections";

/**
 * Settings' tabs. On a phone the row scrolls sideways by itself (the page never does), as
 * Shopify's and Stripe's settings do. Labels come translated from the server; only the
 * sections given a label are shown (System is left out for sellers).
 */
export function SettingsNav({ label, labels }: { label: string; labels: Record<string, string> }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {settingsSections
          .filter(({ key }) => key in labels)
          .map(({ key, href }) => {
            const current = pathname === href;
            return (
              <li key={key} className="shrink-0">
                <Link
                  href={href}
                  aria-current={current ? "page" : undefined}
                  className={`block border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand-500 ${
                    current
                      ? "border-brand-600 text-brand-700"
                      : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                  }`}
                >
                  {labels[key]}
                </Link>
              </li>
            );
          })}
      </ul>
    </nav>
  );
}
