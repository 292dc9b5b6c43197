CREATE TABLE "product_photos" (
	"product_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"photo_key" text NOT NULL,
	"photo_file_id" text,
	"photo_file_bot_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_photos_product_id_position_pk" PRIMARY KEY("product_id","position"),
	CONSTRAINT "product_photos_position_range" CHECK ("product_photos"."position" BETWEEN 1 AND 9),
	CONSTRAINT "product_photos_file_id_has_bot" CHECK (("product_photos"."photo_file_id" IS NULL) = ("product_photos"."photo_file_bot_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "product_photos" ADD CONSTRAINT "product_photos_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;