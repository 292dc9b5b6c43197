import type { MessageEntity } from "grammy/types";
import type { ReactNode } from "react";

// Telegram clients draw a message's entities (bold, links, code…) over plain text; offsets are
// UTF-16 code units, which is what JavaScript strings index by.
const styles: Partial<Record<MessageEntity["type"], string>> = {
  bold: "font-semibold",
  italic: "italic",
  underline: "underline",
  strikethrough: "line-through",
  code: "rounded bg-slate-100 px-1 font-mono text-[0.9em]",
  pre: "block whitespace-pre-wrap rounded bg-slate-100 p-2 font-mono text-[0.9em]",
  spoiler: "rounded bg-slate-300 text-transparent hover:text-inherit",
  blockquote: "block border-l-2 border-sky-400 pl-2",
};

export function MessageText({ text, entities }: { text: string; entities: MessageEntity[] }) {
  const cuts = new Set([0, text.length]);
  for (const entity of entities) {
    cuts.add(entity.offset);
    cuts.add(entity.offset + entity.length);
  }
  const points = [...cuts].filter((cut) => cut <= text.length).sort((a, b) => a - b);
  const parts: ReactNode[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i]!, points[i + 1]!];
    const covering = entities.filter((e) => e.offset <= from && e.offset + e.length >= to);
    let node: ReactNode = text.slice(from, to);
    const className = covering
      .map((e) => styles[e.type] ?? "")
      .join(" ")
      .trim();
    if (className) node = <span className={className}>{node}</span>;
    const link = covering.find((e) => e.type === "text_link" || e.type === "url");
    const href =
      link?.type === "text_link"
        ? link.url
        : link
          ? text.slice(link.offset, link.offset + link.length)
          : undefined;
    if (href && /^https?:\/\//i.test(href)) {
      node = (
        <a href={href} target="_blank" rel="noopener noreferrer" className="text-sky-700 underline">
          {node}
        </a>
      );
    }
    parts.push(<span key={from}>{node}</span>);
  }
  return <span className="whitespace-pre-wrap break-words">{parts}</span>;
}
