import type { ComponentProps, ReactNode } from "react";
import { cardFrame } from "./card";
import { joinClasses } from "./class-names";

/*
 * Two looks. A framed table is a page's main list: its own card frame, a grey header row,
 * roomy cells. An inset table sits inside a Card that frames it already: smaller header
 * text and cells padded only between columns. Each part takes `inset` rather than reading it
 * from its table, because server components cannot share a React context.
 */
const looks = {
  framed: {
    // relative: an absolutely placed child (an sr-only label) is clipped by the scroller too,
    // instead of widening the page on a phone.
    scroller: `relative overflow-x-auto ${cardFrame}`,
    table: "min-w-full divide-y divide-slate-200 text-sm",
    head: "bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500",
    columnHeader: "px-4 py-3",
    cell: "px-4 py-3",
  },
  inset: {
    scroller: "relative overflow-x-auto",
    table: "min-w-full text-sm",
    head: undefined,
    columnHeader: "py-2 pr-4 text-left text-xs font-medium uppercase text-slate-500",
    cell: "py-2 pr-4",
  },
} as const;

const focusRing =
  "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500";

const look = (inset?: boolean) => (inset ? looks.inset : looks.framed);

// Numbers and money line up on the right.
const alignment = (align?: "right") => (align === "right" ? "text-right" : undefined);

/**
 * A `<table>` in a box that scrolls sideways on narrow screens, so a wide table never widens
 * the page. `className` styles that box (margins, dimming); the other props go to the table,
 * e.g. `aria-labelledby` to name it. `footer` is shown inside the box under the table (the
 * "no rows" line).
 *
 * The box is in the tab order with a name: a table that scrolls must be scrollable by keyboard
 * (WCAG 2.1.1), and a tab stop needs a name to be announced. It takes the table's name
 * (`aria-labelledby` or `aria-label`), else `label`. A framed table's box is a region; an inset
 * one's is a group, as its card is the region by that name already (two same-named landmarks).
 */
export function Table({
  inset,
  className,
  footer,
  label,
  ...props
}: ComponentProps<"table"> & { inset?: boolean; footer?: ReactNode; label?: string }) {
  const name = props["aria-labelledby"]
    ? { "aria-labelledby": props["aria-labelledby"] }
    : { "aria-label": props["aria-label"] ?? label };
  return (
    <div
      role={
        name["aria-labelledby"] || name["aria-label"] ? (inset ? "group" : "region") : undefined
      }
      tabIndex={0}
      {...name}
      className={joinClasses(look(inset).scroller, focusRing, className)}
    >
      <table
        className={look(inset).table}
        aria-label={props["aria-labelledby"] ? undefined : label}
        {...props}
      />
      {footer}
    </div>
  );
}

export function THead({ inset, ...props }: ComponentProps<"thead"> & { inset?: boolean }) {
  return <thead className={look(inset).head} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<"tbody">) {
  return <tbody className={joinClasses("divide-y divide-slate-100", className)} {...props} />;
}

export function TR(props: ComponentProps<"tr">) {
  return <tr {...props} />;
}

/**
 * A header cell. Column headers (the default) carry scope="col"; a row's first cell that
 * names the row takes scope="row", looks like a plain cell and is read as the row's name.
 */
export function TH({
  inset,
  align,
  scope = "col",
  className,
  ...props
}: ComponentProps<"th"> & { inset?: boolean; align?: "right" }) {
  const base =
    scope === "row"
      ? joinClasses(look(inset).cell, "text-left font-normal")
      : look(inset).columnHeader;
  return <th scope={scope} className={joinClasses(base, alignment(align), className)} {...props} />;
}

export function TD({
  inset,
  align,
  className,
  ...props
}: ComponentProps<"td"> & { inset?: boolean; align?: "right" }) {
  return <td className={joinClasses(look(inset).cell, alignment(align), className)} {...props} />;
}
