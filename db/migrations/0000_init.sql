CREATE TABLE "articles" (
	"id" serial PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"title" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_content_hash_unique" UNIQUE("content_hash")
);
--> statement-breakpoint
CREATE TABLE "figures" (
	"id" serial PRIMARY KEY NOT NULL,
	"article_id" integer NOT NULL,
	"ordinal" integer NOT NULL,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"value" double precision NOT NULL,
	"currency" text,
	"rate_from" double precision,
	"range_low" double precision,
	"range_high" double precision,
	"tariff_related" boolean NOT NULL,
	"direction" text,
	"value_usd" double precision,
	"sentence" text NOT NULL,
	"same_as_ordinal" integer,
	"implied_fx_rate" double precision,
	"official_fx_rate" double precision,
	"flag" text
);
--> statement-breakpoint
CREATE TABLE "imports" (
	"id" serial PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"content_hash" text NOT NULL,
	"format" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rows_added" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"rows_unchanged" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"series_id" integer NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	"import_id" integer,
	CONSTRAINT "observations_pkey" PRIMARY KEY("series_id","date")
);
--> statement-breakpoint
CREATE TABLE "series" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"frequency" text NOT NULL,
	"source" text NOT NULL,
	"source_url" text NOT NULL,
	"licence" text NOT NULL,
	CONSTRAINT "series_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "tariff_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"actor" text,
	"source" text NOT NULL,
	"measure" text,
	"list" text,
	"action" text NOT NULL,
	"rate_before_pct" double precision,
	"rate_after_pct" double precision,
	"trade_covered_usd_bn" double precision,
	"note" text,
	"description" text NOT NULL,
	"import_id" integer,
	CONSTRAINT "tariff_events_natural_key" UNIQUE NULLS NOT DISTINCT("source","date","actor","action","list")
);
--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD CONSTRAINT "tariff_events_import_id_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_published_at" ON "articles" USING btree ("published_at");--> statement-breakpoint
CREATE UNIQUE INDEX "figures_article_ordinal" ON "figures" USING btree ("article_id","ordinal");