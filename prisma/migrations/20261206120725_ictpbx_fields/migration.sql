-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_tenants" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "domain_uuid" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "credit" REAL NOT NULL DEFAULT 0,
    "max_concurrent_calls" INTEGER NOT NULL DEFAULT 0,
    "credit_alert_threshold" REAL NOT NULL DEFAULT 0,
    "company" TEXT NOT NULL DEFAULT '',
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "address" TEXT NOT NULL DEFAULT '',
    "country_id" INTEGER,
    "timezone_id" INTEGER,
    "title" TEXT NOT NULL DEFAULT '',
    "logo_name" TEXT NOT NULL DEFAULT '',
    "footer" TEXT NOT NULL DEFAULT '',
    "daily_limit" INTEGER NOT NULL DEFAULT 50,
    "monthly_limit" INTEGER NOT NULL DEFAULT 500,
    "min_retention" INTEGER NOT NULL DEFAULT 1,
    "max_retention" INTEGER NOT NULL DEFAULT 7,
    "retention_period" INTEGER NOT NULL DEFAULT 0,
    "quota_extensions" INTEGER NOT NULL DEFAULT 25,
    "quota_devices" INTEGER NOT NULL DEFAULT 25,
    "quota_ring_groups" INTEGER NOT NULL DEFAULT 10,
    "quota_call_queues" INTEGER NOT NULL DEFAULT 5,
    "quota_conferences" INTEGER NOT NULL DEFAULT 5,
    "quota_ivr_menus" INTEGER NOT NULL DEFAULT 10,
    "quota_voicemails" INTEGER NOT NULL DEFAULT 50,
    "quota_music_on_hold" INTEGER NOT NULL DEFAULT 20,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);
INSERT INTO "new_tenants" ("active", "created_at", "credit", "credit_alert_threshold", "description", "domain", "domain_uuid", "email", "id", "max_concurrent_calls", "name", "phone", "updated_at") SELECT "active", "created_at", "credit", "credit_alert_threshold", "description", "domain", "domain_uuid", "email", "id", "max_concurrent_calls", "name", "phone", "updated_at" FROM "tenants";
DROP TABLE "tenants";
ALTER TABLE "new_tenants" RENAME TO "tenants";
CREATE UNIQUE INDEX "tenants_domain_key" ON "tenants"("domain");
CREATE UNIQUE INDEX "tenants_domain_uuid_key" ON "tenants"("domain_uuid");
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
    "auth_type" TEXT NOT NULL DEFAULT '',
    "verify" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "users_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_users" ("active", "address", "company", "country_id", "created_at", "credit", "email", "first_name", "id", "last_login_at", "last_name", "mfa_enabled", "mfa_last_step", "mfa_secret", "mobile", "password_changed_at", "password_hash", "phone", "status", "tenant_id", "timezone_id", "token_version", "updated_at", "username") SELECT "active", "address", "company", "country_id", "created_at", "credit", "email", "first_name", "id", "last_login_at", "last_name", "mfa_enabled", "mfa_last_step", "mfa_secret", "mobile", "password_changed_at", "password_hash", "phone", "status", "tenant_id", "timezone_id", "token_version", "updated_at", "username" FROM "users";
DROP TABLE "users";
ALTER TABLE "new_users" RENAME TO "users";
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");
CREATE INDEX "users_tenant_id_idx" ON "users"("tenant_id");
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
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "accounts_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_accounts" ("active", "created_at", "description", "email", "first_name", "id", "last_name", "phone", "tenant_id", "type", "updated_at", "user_id", "username") SELECT "active", "created_at", "description", "email", "first_name", "id", "last_name", "phone", "tenant_id", "type", "updated_at", "user_id", "username" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "new_accounts" RENAME TO "accounts";
CREATE INDEX "accounts_tenant_id_idx" ON "accounts"("tenant_id");
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");
CREATE INDEX "accounts_type_phone_idx" ON "accounts"("type", "phone");
CREATE TABLE "new_extensions" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "extension" TEXT NOT NULL,
    "password_enc" TEXT NOT NULL,
    "display_name" TEXT NOT NULL DEFAULT '',
    "effective_caller_id_name" TEXT NOT NULL DEFAULT '',
    "effective_caller_id_number" TEXT NOT NULL DEFAULT '',
    "outbound_caller_id_name" TEXT NOT NULL DEFAULT '',
    "outbound_caller_id_number" TEXT NOT NULL DEFAULT '',
    "accountcode" TEXT NOT NULL DEFAULT '',
    "toll_allow" TEXT NOT NULL DEFAULT '',
    "call_timeout" INTEGER NOT NULL DEFAULT 30,
    "call_group" TEXT NOT NULL DEFAULT '',
    "user_record" TEXT NOT NULL DEFAULT '',
    "hold_music" TEXT NOT NULL DEFAULT '',
    "auth_acl" TEXT NOT NULL DEFAULT '',
    "cidr" TEXT NOT NULL DEFAULT '',
    "do_not_disturb" BOOLEAN NOT NULL DEFAULT false,
    "forward_all_enabled" BOOLEAN NOT NULL DEFAULT false,
    "forward_all_destination" TEXT NOT NULL DEFAULT '',
    "forward_busy_enabled" BOOLEAN NOT NULL DEFAULT false,
    "forward_busy_destination" TEXT NOT NULL DEFAULT '',
    "forward_no_answer_enabled" BOOLEAN NOT NULL DEFAULT false,
    "forward_no_answer_destination" TEXT NOT NULL DEFAULT '',
    "voicemail_enabled" BOOLEAN NOT NULL DEFAULT true,
    "voicemail_password_enc" TEXT NOT NULL DEFAULT '',
    "voicemail_mail_to" TEXT NOT NULL DEFAULT '',
    "number_alias" TEXT NOT NULL DEFAULT '',
    "emergency_caller_id_name" TEXT NOT NULL DEFAULT '',
    "emergency_caller_id_number" TEXT NOT NULL DEFAULT '',
    "directory_first_name" TEXT NOT NULL DEFAULT '',
    "directory_last_name" TEXT NOT NULL DEFAULT '',
    "directory_visible" BOOLEAN NOT NULL DEFAULT true,
    "directory_exten_visible" BOOLEAN NOT NULL DEFAULT true,
    "absolute_codec_string" TEXT NOT NULL DEFAULT '',
    "forward_user_not_registered_enabled" BOOLEAN NOT NULL DEFAULT false,
    "forward_user_not_registered_destination" TEXT NOT NULL DEFAULT '',
    "follow_me_enabled" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "extensions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "extensions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_extensions" ("accountcode", "auth_acl", "call_group", "call_timeout", "cidr", "created_at", "description", "display_name", "do_not_disturb", "effective_caller_id_name", "effective_caller_id_number", "enabled", "extension", "forward_all_destination", "forward_all_enabled", "forward_busy_destination", "forward_busy_enabled", "forward_no_answer_destination", "forward_no_answer_enabled", "hold_music", "id", "outbound_caller_id_name", "outbound_caller_id_number", "password_enc", "tenant_id", "toll_allow", "updated_at", "user_id", "user_record", "voicemail_enabled", "voicemail_mail_to", "voicemail_password_enc") SELECT "accountcode", "auth_acl", "call_group", "call_timeout", "cidr", "created_at", "description", "display_name", "do_not_disturb", "effective_caller_id_name", "effective_caller_id_number", "enabled", "extension", "forward_all_destination", "forward_all_enabled", "forward_busy_destination", "forward_busy_enabled", "forward_no_answer_destination", "forward_no_answer_enabled", "hold_music", "id", "outbound_caller_id_name", "outbound_caller_id_number", "password_enc", "tenant_id", "toll_allow", "updated_at", "user_id", "user_record", "voicemail_enabled", "voicemail_mail_to", "voicemail_password_enc" FROM "extensions";
DROP TABLE "extensions";
ALTER TABLE "new_extensions" RENAME TO "extensions";
CREATE INDEX "extensions_user_id_idx" ON "extensions"("user_id");
CREATE UNIQUE INDEX "extensions_tenant_id_extension_key" ON "extensions"("tenant_id", "extension");
CREATE TABLE "new_providers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "gateway_uuid" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 5060,
    "username" TEXT NOT NULL DEFAULT '',
    "password_enc" TEXT NOT NULL DEFAULT '',
    "realm" TEXT NOT NULL DEFAULT '',
    "from_domain" TEXT NOT NULL DEFAULT '',
    "register" BOOLEAN NOT NULL DEFAULT true,
    "expire_seconds" INTEGER NOT NULL DEFAULT 800,
    "retry_seconds" INTEGER NOT NULL DEFAULT 30,
    "caller_id_in_from" BOOLEAN NOT NULL DEFAULT false,
    "transport" TEXT NOT NULL DEFAULT 'udp',
    "ping_seconds" INTEGER NOT NULL DEFAULT 0,
    "service_flag" INTEGER NOT NULL DEFAULT 1,
    "prefix" TEXT NOT NULL DEFAULT '',
    "profile" TEXT NOT NULL DEFAULT 'external',
    "type" TEXT NOT NULL DEFAULT 'sip',
    "from_user" TEXT NOT NULL DEFAULT '',
    "auth_username" TEXT NOT NULL DEFAULT '',
    "register_proxy" TEXT NOT NULL DEFAULT '',
    "outbound_proxy" TEXT NOT NULL DEFAULT '',
    "contact_params" TEXT NOT NULL DEFAULT '',
    "extension" TEXT NOT NULL DEFAULT '',
    "distinct_to" BOOLEAN NOT NULL DEFAULT false,
    "suppress_cng" BOOLEAN NOT NULL DEFAULT false,
    "sip_cid_type" TEXT NOT NULL DEFAULT 'none',
    "extension_in_contact" BOOLEAN NOT NULL DEFAULT false,
    "contact_in_ping" BOOLEAN NOT NULL DEFAULT false,
    "ping_min" INTEGER NOT NULL DEFAULT 0,
    "ping_max" INTEGER NOT NULL DEFAULT 0,
    "codec_prefs" TEXT NOT NULL DEFAULT '',
    "context" TEXT NOT NULL DEFAULT 'public',
    "outbound_caller_id" TEXT NOT NULL DEFAULT '',
    "channels" INTEGER NOT NULL DEFAULT 0,
    "weight" INTEGER NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "providers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_providers" ("active", "caller_id_in_from", "created_at", "description", "expire_seconds", "from_domain", "gateway_uuid", "host", "id", "name", "password_enc", "ping_seconds", "port", "prefix", "profile", "realm", "register", "retry_seconds", "service_flag", "tenant_id", "transport", "updated_at", "username") SELECT "active", "caller_id_in_from", "created_at", "description", "expire_seconds", "from_domain", "gateway_uuid", "host", "id", "name", "password_enc", "ping_seconds", "port", "prefix", "profile", "realm", "register", "retry_seconds", "service_flag", "tenant_id", "transport", "updated_at", "username" FROM "providers";
DROP TABLE "providers";
ALTER TABLE "new_providers" RENAME TO "providers";
CREATE UNIQUE INDEX "providers_gateway_uuid_key" ON "providers"("gateway_uuid");
CREATE INDEX "providers_tenant_id_idx" ON "providers"("tenant_id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- DIDs and caller ids become ICTCore accounts (type "did" and "cid"), keeping what they held.
INSERT INTO "accounts" ("tenant_id", "type", "username", "first_name", "phone", "description", "active", "provider_id", "destination_type", "destination_value", "caller_id_prefix", "created_at", "updated_at")
SELECT "tenant_id", 'did', "number", "description", "number", "description", "active", "provider_id", "destination_type", "destination_value", "caller_id_prefix", "created_at", "updated_at" FROM "dids" ORDER BY "id";
INSERT INTO "accounts" ("tenant_id", "type", "username", "first_name", "caller_id_name", "phone", "description", "active", "created_at", "updated_at")
SELECT "tenant_id", 'cid', "number", "name", "name", "number", "description", "active", "created_at", "updated_at" FROM "caller_ids" ORDER BY "id";

DROP TABLE "dids";
DROP TABLE "caller_ids";
