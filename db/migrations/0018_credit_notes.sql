CREATE TABLE "credit_note_counters" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"refunded_before_minor" integer NOT NULL,
	"refunded_after_minor" integer NOT NULL,
	"language" text NOT NULL,
	"storage_key" text NOT NULL,
	"vat_mode" "vat_mode" NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"net_amount_minor" integer NOT NULL,
	"vat_amount_minor" integer NOT NULL,
	"total_amount_minor" integer NOT NULL,
	"currency" "currency" NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emailed_at" timestamp with time zone,
	CONSTRAINT "credit_notes_refund_step" CHECK ("credit_notes"."refunded_before_minor" >= 0 and "credit_notes"."refunded_after_minor" > "credit_notes"."refunded_before_minor" and "credit_notes"."total_amount_minor" = "credit_notes"."refunded_before_minor" - "credit_notes"."refunded_after_minor")
);
--> statement-breakpoint
ALTER TABLE "credit_note_counters" ADD CONSTRAINT "credit_note_counters_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_notes" ADD CONSTRAINT "credit_notes_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_seller_number_key" ON "credit_notes" USING btree ("seller_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "credit_notes_order_refunded_key" ON "credit_notes" USING btree ("order_id","refunded_after_minor");