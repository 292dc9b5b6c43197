"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Reports the browser's time zone once, for a seller who has none stored yet; the server keeps
 * it and the page is drawn again with the seller's dates and days.
 */
export function BrowserTimeZone({
  report,
}: {
  report: (zone: string) => Promise<{ changed: boolean }>;
}) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    void report(zone).then(({ changed }) => {
      if (changed) router.refresh();
    });
  }, [report, router]);
  return null;
}
