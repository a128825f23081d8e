-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_login_failures" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "account" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- Failures are counted per account now, and the old rows (per login string) are dropped.
DROP TABLE "login_failures";
ALTER TABLE "new_login_failures" RENAME TO "login_failures";
CREATE INDEX "login_failures_account_ip_created_at_idx" ON "login_failures"("account", "ip", "created_at");
CREATE INDEX "login_failures_account_created_at_idx" ON "login_failures"("account", "created_at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The internal profile was seeded with $${ext_rtp_ip} and $${ext_sip_ip}, globals a stock
-- FreeSWITCH does not define (an empty ext-rtp-ip makes mod_sofia fail to load).
UPDATE "sip_profile_settings" SET "value" = '$${external_rtp_ip}' WHERE "name" = 'ext-rtp-ip' AND "value" = '$${ext_rtp_ip}';
UPDATE "sip_profile_settings" SET "value" = '$${external_sip_ip}' WHERE "name" = 'ext-sip-ip' AND "value" = '$${ext_sip_ip}';
