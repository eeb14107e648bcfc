-- Articles stored before source keys existed were keyed by their bytes, so re-ingesting an edited
-- file stored it next to the old version. Give every article its file name as key; where one
-- name was stored several times, the latest ingested version stays (what a re-ingest now leaves)
-- and the older ones go, their figures with them (docs/decisions/034).
DELETE FROM "articles" AS "older"
USING "articles" AS "newer"
WHERE "older"."source_key" IS NULL
  AND "newer"."file_name" = "older"."file_name"
  AND "newer"."id" > "older"."id";--> statement-breakpoint
UPDATE "articles" SET "source_key" = "file_name" WHERE "source_key" IS NULL;
