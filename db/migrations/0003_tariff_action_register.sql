ALTER TABLE "tariff_events" DROP CONSTRAINT "tariff_events_natural_key";--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "action_id" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "announced_on" date;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "replaces" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "rate_before_low_pct" double precision;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "rate_after_low_pct" double precision;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "covers_all_goods" boolean;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "trade_basis" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "citation" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD COLUMN "disagreement" text;--> statement-breakpoint
ALTER TABLE "tariff_events" ADD CONSTRAINT "tariff_events_natural_key" UNIQUE NULLS NOT DISTINCT("source","date","actor","action","list","action_id");