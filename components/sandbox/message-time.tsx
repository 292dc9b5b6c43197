"use client";

import { useSyncExternalStore } from "react";

const neverChanges = () => () => {};

/**
 * A message's time as Telegram shows it, in the viewer's own zone. The server knows no viewer
 * (it would write UTC and React would refuse the browser's differing text, error #418), so the
 * time is written only once the page runs in the browser.
 */
export function MessageTime({ unixSeconds }: { unixSeconds: number }) {
  const inBrowser = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  const date = new Date(unixSeconds * 1000);
  return (
    <time dateTime={date.toISOString()}>
      {inBrowser ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : null}
    </time>
  );
}
