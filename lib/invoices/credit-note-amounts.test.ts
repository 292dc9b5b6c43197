import { expect, it } from "vitest";
import { creditNoteAmounts } from "./credit-note-amounts";
import { splitGross } from "./vat";

it("takes back a full refund exactly as the invoice charged it", () => {
  expect(creditNoteAmounts(0, 4800, "standard", 1900)).toEqual({
    net: -4034,
    vat: -766,
    total: -4800,
  });
  expect(splitGross(4800, "standard", 1900)).toEqual({ net: 4034, vat: 766, total: 4800 });
});

it("splits partial refunds on the cumulative figure, so the notes add up to the invoice", () => {
  // 3 ct three times of 9 ct at 19 %: each alone rounds its VAT (0.48 ct) to 0, the invoice's
  // (1.44 ct) to 1; on the cumulative figures the cent lands on the second note.
  const notes = [
    creditNoteAmounts(0, 3, "standard", 1900),
    creditNoteAmounts(3, 6, "standard", 1900),
    creditNoteAmounts(6, 9, "standard", 1900),
  ];
  expect(notes.map((note) => note.total)).toEqual([-3, -3, -3]);
  expect(notes.map((note) => note.vat)).toEqual([0, -1, 0]);
  const invoice = splitGross(9, "standard", 1900);
  expect(invoice.vat).toBe(1);
  expect(notes.reduce((sum, note) => sum + note.vat, 0)).toBe(-invoice.vat);
  expect(notes.reduce((sum, note) => sum + note.net, 0)).toBe(-invoice.net);

  // €12 then €36 of €48 at 19 %: 1.92 + 5.74 = 7.66, the invoice's VAT.
  const first = creditNoteAmounts(0, 1200, "standard", 1900);
  const rest = creditNoteAmounts(1200, 4800, "standard", 1900);
  expect(first).toEqual({ net: -1008, vat: -192, total: -1200 });
  expect(rest).toEqual({ net: -3026, vat: -574, total: -3600 });
  expect(first.vat + rest.vat).toBe(-766);
});

it("shows no VAT for a small business", () => {
  expect(creditNoteAmounts(500, 2400, "small_business", 1900)).toEqual({
    net: -1900,
    vat: 0,
    total: -1900,
  });
});
