-- Accounts get a stable uuid beside their integer id (the inbound route of a DID is keyed by it).
-- Existing rows are given a random version 4 uuid as they are copied.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_accounts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenant_id" INTEGER,
    "user_id" INTEGER,
    "type" TEXT NOT NULL DEFAULT 'account',
    "username" TEXT NOT NULL DEFAULT '',
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "caller_id_name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "provider_id" INTEGER,
    "destination_type" TEXT NOT NULL DEFAULT '',
    "destination_value" TEXT NOT NULL DEFAULT '',
    "caller_id_prefix" TEXT NOT NULL DEFAULT '',
    "uuid" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "accounts_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_accounts" ("active", "caller_id_name", "caller_id_prefix", "created_at", "description", "destination_type", "destination_value", "email", "first_name", "id", "last_name", "phone", "provider_id", "tenant_id", "type", "updated_at", "user_id", "username", "uuid") SELECT "active", "caller_id_name", "caller_id_prefix", "created_at", "description", "destination_type", "destination_value", "email", "first_name", "id", "last_name", "phone", "provider_id", "tenant_id", "type", "updated_at", "user_id", "username", lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))) FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "new_accounts" RENAME TO "accounts";
CREATE UNIQUE INDEX "accounts_uuid_key" ON "accounts"("uuid");
CREATE INDEX "accounts_tenant_id_idx" ON "accounts"("tenant_id");
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");
CREATE INDEX "accounts_type_phone_idx" ON "accounts"("type", "phone");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
