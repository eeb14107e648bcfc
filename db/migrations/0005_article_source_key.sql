ALTER TABLE "articles" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_source_key_unique" UNIQUE("source_key");