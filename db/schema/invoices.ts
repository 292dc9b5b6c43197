import { sql } from "drizzle-orm";
import {
  check,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";
import { currency } from "./catalog";
import { orders } from "./orders";
import { users } from "./users";

export const vatModes = ["standard", "small_business"] as const;
export const vatMode = pgEnum("vat_mode", vatModes);

// Who the seller is on their invoices. Prices are gross (what the buyer pays); the VAT in them
// is worked out from the rate, or not shown at all for small businesses (§ 19 UStG).
export const sellerBusinesses = pgTable(
  "seller_businesses",
  {
    sellerId: uuid("seller_id")
      .primaryKey()
      .references(() => users.id),
    legalName: text("legal_name").notNull(),
    // Street, postcode and city, country: as printed, one line each.
    address: text("address").notNull(),
    vatId: text("vat_id"),
    vatMode: vatMode("vat_mode").notNull().default("standard"),
    // Basis points: 1900 = 19 %.
    vatRateBasisPoints: integer("vat_rate_bp").notNull().default(1900),
    updatedAt: updatedAt(),
  },
  (t) => [check("seller_businesses_vat_rate", sql`${t.vatRateBasisPoints} between 0 and 10000`)],
);

// Each seller's invoice numbers run 1, 2, 3… with no gaps and no duplicates: the next number
// is taken by an UPDATE of this row in the invoice's own transaction, which holds the row
// lock until it commits (a rollback gives the number back).
export const invoiceCounters = pgTable("invoice_counters", {
  sellerId: uuid("seller_id")
    .primaryKey()
    .references(() => users.id),
  lastNumber: integer("last_number").notNull(),
});

export const invoices = pgTable(
  "invoices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .unique()
      .references(() => orders.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    number: integer("number").notNull(),
    language: text("language").notNull(),
    storageKey: text("storage_key").notNull(),
    vatMode: vatMode("vat_mode").notNull(),
    vatRateBasisPoints: integer("vat_rate_bp").notNull(),
    netAmountMinor: integer("net_amount_minor").notNull(),
    vatAmountMinor: integer("vat_amount_minor").notNull(),
    totalAmountMinor: integer("total_amount_minor").notNull(),
    currency: currency("currency").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("invoices_seller_number_key").on(t.sellerId, t.number)],
);

// Credit notes (Rechnungskorrekturen) have their own series per seller, gapless the same way
// as invoices: a separate counter row, taken in the credit note's own transaction.
export const creditNoteCounters = pgTable("credit_note_counters", {
  sellerId: uuid("seller_id")
    .primaryKey()
    .references(() => users.id),
  lastNumber: integer("last_number").notNull(),
});

// One per refund step seen on the order's charge: Stripe reports the cumulative amount
// refunded, and the note covers what went back between the last figure and this one. The
// amounts are negative, as the note takes them back from the invoice.
export const creditNotes = pgTable(
  "credit_notes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id")
      .notNull()
      .references(() => orders.id),
    invoiceId: uuid("invoice_id")
      .notNull()
      .references(() => invoices.id),
    sellerId: uuid("seller_id")
      .notNull()
      .references(() => users.id),
    number: integer("number").notNull(),
    // The charge's cumulative amount_refunded before and after this refund.
    refundedBeforeMinor: integer("refunded_before_minor").notNull(),
    refundedAfterMinor: integer("refunded_after_minor").notNull(),
    language: text("language").notNull(),
    storageKey: text("storage_key").notNull(),
    vatMode: vatMode("vat_mode").notNull(),
    vatRateBasisPoints: integer("vat_rate_bp").notNull(),
    netAmountMinor: integer("net_amount_minor").notNull(),
    vatAmountMinor: integer("vat_amount_minor").notNull(),
    totalAmountMinor: integer("total_amount_minor").notNull(),
    currency: currency("currency").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("credit_notes_seller_number_key").on(t.sellerId, t.number),
    uniqueIndex("credit_notes_order_refunded_key").on(t.orderId, t.refundedAfterMinor),
    check(
      "credit_notes_refund_step",
      sql`${t.refundedBeforeMinor} >= 0 and ${t.refundedAfterMinor} > ${t.refundedBeforeMinor} and ${t.totalAmountMinor} = ${t.refundedBeforeMinor} - ${t.refundedAfterMinor}`,
    ),
  ],
);

export type SellerBusiness = typeof sellerBusinesses.$inferSelect;
export type CreditNote = typeof creditNotes.$inferSelect;
export type Invoice = typeof invoices.$inferSelect;
export type VatMode = (typeof vatModes)[number];
