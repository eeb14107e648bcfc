ALTER TABLE "observations" DROP CONSTRAINT "observations_series_id_series_id_fk";
--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_import_id_imports_id_fk";
--> statement-breakpoint
DROP INDEX "observations_series_date";--> statement-breakpoint
ALTER TABLE "observations" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_pkey" PRIMARY KEY("series_id","date");
