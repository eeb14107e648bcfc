-- Observations become a table partitioned by series. A first import of new series loads its rows
-- into a fresh partition without an index, builds the key once and attaches it (see ADR 020), which
-- is several times faster than inserting a million rows into an indexed table. Rows of series
-- without a partition of their own live in the default partition. drizzle-kit cannot express
-- partitioning, so this step is a custom migration; the columns still come from db/schema.ts.
ALTER TABLE "observations" RENAME TO "observations_unpartitioned";--> statement-breakpoint
ALTER TABLE "observations_unpartitioned" RENAME CONSTRAINT "observations_pkey" TO "observations_unpartitioned_pkey";--> statement-breakpoint
CREATE TABLE "observations" (
	"series_id" integer NOT NULL,
	"date" date NOT NULL,
	"value" double precision NOT NULL,
	"import_id" integer,
	CONSTRAINT "observations_pkey" PRIMARY KEY("series_id","date")
) PARTITION BY LIST ("series_id");--> statement-breakpoint
CREATE TABLE "observations_default" PARTITION OF "observations" DEFAULT;--> statement-breakpoint
INSERT INTO "observations" ("series_id", "date", "value", "import_id")
	SELECT "series_id", "date", "value", "import_id" FROM "observations_unpartitioned";--> statement-breakpoint
DROP TABLE "observations_unpartitioned";
