-- CreateTable
CREATE TABLE "session_grants" (
    "jti" TEXT NOT NULL PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "token_version" INTEGER NOT NULL,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "session_grants_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_users" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenant_id" INTEGER,
    "username" TEXT NOT NULL,
    "email" TEXT NOT NULL DEFAULT '',
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "mobile" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "company" TEXT NOT NULL DEFAULT '',
    "country_id" INTEGER,
    "timezone_id" INTEGER,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "credit" REAL NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'logout',
    "token_version" INTEGER NOT NULL DEFAULT 0,
    "mfa_secret" TEXT,
    "mfa_enabled" BOOLEAN NOT NULL DEFAULT false,
    "mfa_last_step" INTEGER NOT NULL DEFAULT 0,
    "password_changed_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" DATETIME,
    "daily_limit" INTEGER NOT NULL DEFAULT 1000,
    "monthly_limit" INTEGER NOT NULL DEFAULT 1000,
    "quota_extensions" INTEGER NOT NULL DEFAULT 0,
    "quota_devices" INTEGER NOT NULL DEFAULT 0,
    "quota_ring_groups" INTEGER NOT NULL DEFAULT 0,
    "quota_call_queues" INTEGER NOT NULL DEFAULT 0,
    "quota_ivr_menus" INTEGER NOT NULL DEFAULT 0,
    "quota_voicemail" INTEGER NOT NULL DEFAULT 0,
    "quota_conference" INTEGER NOT NULL DEFAULT 0,
    "quota_music_on_hold" INTEGER NOT NULL DEFAULT 0,
    "allowed_timeslot" TEXT NOT NULL DEFAULT '',
    "allowed_days" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_users" ("active", "address", "allowed_days", "allowed_timeslot", "company", "country_id", "created_at", "credit", "daily_limit", "email", "first_name", "id", "last_login_at", "last_name", "mfa_enabled", "mfa_last_step", "mfa_secret", "mobile", "monthly_limit", "password_changed_at", "password_hash", "phone", "quota_call_queues", "quota_conference", "quota_devices", "quota_extensions", "quota_ivr_menus", "quota_music_on_hold", "quota_ring_groups", "quota_voicemail", "status", "tenant_id", "timezone_id", "token_version", "updated_at", "username") SELECT "active", "address", "allowed_days", "allowed_timeslot", "company", "country_id", "created_at", "credit", "daily_limit", "email", "first_name", "id", "last_login_at", "last_name", "mfa_enabled", "mfa_last_step", "mfa_secret", "mobile", "monthly_limit", "password_changed_at", "password_hash", "phone", "quota_call_queues", "quota_conference", "quota_devices", "quota_extensions", "quota_ivr_menus", "quota_music_on_hold", "quota_ring_groups", "quota_voicemail", "status", "tenant_id", "timezone_id", "token_version", "updated_at", "username" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE INDEX "users_tenant_id_idx" ON "users"("tenant_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "session_grants_expires_at_idx" ON "session_grants"("expires_at");
