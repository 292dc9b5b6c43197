import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";
import { fillTemplate } from "./fill-template";

// Every message a client component receives as a template (a key ending in ".*" stands for
// each message under it), with values like the real ones; numbers past 999 too, which
// next-intl would group in a styled number (and does not in a plain placeholder).
const clientTemplates: Record<string, Record<string, string | number>> = {
  "publish.progress": { index: 2, total: 3, title: "Roastery {News}" },
  "ordersTable.selected": { count: 12 },
  "ordersTable.bulkResult": { changed: 1000, skipped: 0 },
  "productForm.errors.*": { over: 1500 },
  "productForm.gallery.*": { n: 2, count: 10, name: "espresso {front}.jpg", problem: "Too big." },
  "refundDialog.remainingHint": { remaining: "€36.00", total: "€48.00" },
  "refundDialog.summary": { amount: "€12.00", total: "€48.00" },
  "refundDialog.confirm": { amount: "€12.00" },
  "refundDialog.amountOverRemaining": { remaining: "€36.00" },
  "settingsPage.deploy.errors.*": { detail: "ClusterNotFoundException: Cluster {not} found." },
};

function expand(messages: object, key: string): string[] {
  if (!key.endsWith(".*")) return [key];
  const namespace = key.slice(0, -2);
  return Object.keys(lookup(messages, namespace) as object).map((name) => `${namespace}.${name}`);
}

function lookup(messages: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node as never)[part], messages);
}

function raw(messages: object, key: string): string {
  const value = lookup(messages, key);
  if (typeof value !== "string") throw new Error(`${key} is not a message`);
  return value;
}

describe("fillTemplate", () => {
  for (const [locale, messages] of Object.entries({ en, de })) {
    it(`finishes the ${locale} client templates exactly as next-intl would`, () => {
      const t = createTranslator({ locale, messages });
      for (const [pattern, values] of Object.entries(clientTemplates)) {
        for (const key of expand(messages, pattern)) {
          expect(fillTemplate(raw(messages, key), values), key).toBe(
            t(key as never, values as never),
          );
        }
      }
    });
  }

  it("leaves unknown placeholders as they are and inserts values verbatim", () => {
    expect(fillTemplate("{a} of {b}", { a: "{b}" })).toBe("{b} of {b}");
    expect(fillTemplate("{count} selected", { count: 0 })).toBe("0 selected");
  });
});
