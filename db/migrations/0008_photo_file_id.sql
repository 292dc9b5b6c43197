ALTER TABLE "products" ADD COLUMN "photo_file_id" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "photo_file_bot_id" bigint;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_photo_file_id_has_bot" CHECK (("products"."photo_file_id" IS NULL) = ("products"."photo_file_bot_id" IS NULL));