CREATE TABLE "post_variants" (
	"post_id" integer NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"commentary" text DEFAULT '' NOT NULL,
	"commentary_linkedin" text,
	"commentary_x" text,
	"commentary_facebook" text,
	CONSTRAINT "post_variants_post_id_language_pk" PRIMARY KEY("post_id","language"),
	CONSTRAINT "post_variants_language_check" CHECK ("post_variants"."language" in ('en', 'de', 'fr', 'es'))
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "language" text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE "post_variants" ADD CONSTRAINT "post_variants_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_language_check" CHECK ("posts"."language" in ('en', 'de', 'fr', 'es'));