CREATE TABLE "order_counters" (
	"seller_id" uuid PRIMARY KEY NOT NULL,
	"last_number" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shop_number" bigint;--> statement-breakpoint
UPDATE "orders" SET "shop_number" = "number";--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "shop_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "order_counters" ADD CONSTRAINT "order_counters_seller_id_users_id_fk" FOREIGN KEY ("seller_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_seller_shop_number_key" ON "orders" USING btree ("seller_id","shop_number");