"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { sections } from "./sections";

function isCurrent(pathname: string, href: string) {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Labels come translated from the server: the navigation needs no i18n code in the browser.
 * Only the areas given a label are shown (the server leaves out what this user may not open).
 */
export function NavLinks({ labels }: { labels: Record<string, string> }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {sections
        .filter(({ key }) => key in labels)
        .map(({ key, href }) => {
          const current = isCurrent(pathname, href);
          return (
            <li key={key}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={`block rounded-lg px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 ${
                  current
                    ? "bg-brand-50 text-brand-700"
                    : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {labels[key]}
              </Link>
            </li>
          );
        })}
    </ul>
  );
}
