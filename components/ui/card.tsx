import type { ComponentProps } from "react";
import { joinClasses } from "./class-names";

/** The white, rounded, hairline frame every dashboard panel and list sits in. */
export const cardFrame = "rounded-xl border border-slate-200 bg-white";

/**
 * A panel of a page: a `<section>`, so with `aria-labelledby` pointing at its title screen
 * readers list it as a region by that name.
 */
export function Card({ className, ...props }: ComponentProps<"section">) {
  return <section className={joinClasses(cardFrame, "p-5", className)} {...props} />;
}

/** A card's heading; give it the id the card's `aria-labelledby` names. */
export function CardTitle({ className, ...props }: ComponentProps<"h2">) {
  return (
    <h2 className={joinClasses("text-base font-semibold text-slate-900", className)} {...props} />
  );
}
