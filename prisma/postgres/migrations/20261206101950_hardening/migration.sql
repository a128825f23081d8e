-- DropIndex
DROP INDEX "login_failures_username_created_at_idx";

-- Failures are counted per account now, and the old rows (per login string) are dropped.
DELETE FROM "login_failures";

-- AlterTable
ALTER TABLE "login_failures" DROP COLUMN "username",
ADD COLUMN     "account" TEXT NOT NULL;

-- CreateIndex
CREATE INDEX "login_failures_account_ip_created_at_idx" ON "login_failures"("account", "ip", "created_at");

-- CreateIndex
CREATE INDEX "login_failures_account_created_at_idx" ON "login_failures"("account", "created_at");

-- The internal profile was seeded with $${ext_rtp_ip} and $${ext_sip_ip}, globals a stock
-- FreeSWITCH does not define (an empty ext-rtp-ip makes mod_sofia fail to load).
UPDATE "sip_profile_settings" SET "value" = '$${external_rtp_ip}' WHERE "name" = 'ext-rtp-ip' AND "value" = '$${ext_rtp_ip}';
UPDATE "sip_profile_settings" SET "value" = '$${external_sip_ip}' WHERE "name" = 'ext-sip-ip' AND "value" = '$${ext_sip_ip}';
