"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { movedSettingsAnchor } from "./settings-sections";

/**
 * Follows an old one-page link such as /settings#tokens-title to the section the card moved
 * to. Only the browser sees the part after #, so this cannot be a server redirect.
 */
export function MovedAnchorRedirect() {
  const router = useRouter();
  useEffect(() => {
    const follow = () => {
      const moved = movedSettingsAnchor(window.location.hash);
      if (moved) router.replace(moved);
    };
    follow();
    // A link to another of the old anchors from this very page changes only the hash.
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, [router]);
  return null;
}
