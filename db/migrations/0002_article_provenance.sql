ALTER TABLE "articles" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "outlet" text;