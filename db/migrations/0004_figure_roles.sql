ALTER TABLE "figures" ADD COLUMN "role" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
ALTER TABLE "figures" ADD COLUMN "in_title" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_kind_known" CHECK ("figures"."kind" in ('money', 'tariff_rate'));--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_direction_known" CHECK ("figures"."direction" in ('us_on_china', 'china_on_us', 'other', 'unknown'));--> statement-breakpoint
ALTER TABLE "figures" ADD CONSTRAINT "figures_role_known" CHECK ("figures"."role" in ('rate', 'previous', 'threat', 'share', 'goods_covered', 'trade', 'pledge', 'other'));