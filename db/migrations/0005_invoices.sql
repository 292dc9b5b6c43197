CREATE TYPE "public"."vat_mode" AS ENUM('standard', 'small_business');--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"seller_id" uuid NOT NULL,
	"number" integer NOT NULL,
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
	CONSTRAINT "invoices_order_id_unique" UNIQUE("order_id")
);
--> statement-breakpoint
CREATE TABLE "seller_businesses" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"legal_name" text NOT NULL,
	"address" text NOT NULL,
	"vat_id" text,
	"vat_mode" "vat_mode" DEFAULT 'standard' NOT NULL,
	"vat_rate_bp" integer DEFAULT 1900 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "seller_businesses_vat_rate" CHECK ("seller_businesses"."vat_rate_bp" between 0 and 10000)
);
--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seller_businesses" ADD CONSTRAINT "seller_businesses_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_seller_number_key" ON "invoices" USING btree ("seller_id","number");