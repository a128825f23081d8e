-- DropForeignKey
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_tenant_id_fkey";

-- DropForeignKey
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_user_id_fkey";

-- DropForeignKey
ALTER TABLE "dids" DROP CONSTRAINT "dids_tenant_id_fkey";

-- DropForeignKey
ALTER TABLE "dids" DROP CONSTRAINT "dids_provider_id_fkey";

-- DropForeignKey
ALTER TABLE "caller_ids" DROP CONSTRAINT "caller_ids_tenant_id_fkey";

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN     "address" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "company" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "country_id" INTEGER,
ADD COLUMN     "daily_limit" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "first_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "footer" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "last_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "logo_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "max_retention" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "min_retention" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "monthly_limit" INTEGER NOT NULL DEFAULT 500,
ADD COLUMN     "quota_call_queues" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "quota_conferences" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "quota_devices" INTEGER NOT NULL DEFAULT 25,
ADD COLUMN     "quota_extensions" INTEGER NOT NULL DEFAULT 25,
ADD COLUMN     "quota_ivr_menus" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "quota_music_on_hold" INTEGER NOT NULL DEFAULT 20,
ADD COLUMN     "quota_ring_groups" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "quota_voicemails" INTEGER NOT NULL DEFAULT 50,
ADD COLUMN     "retention_period" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "timezone_id" INTEGER,
ADD COLUMN     "title" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "allowed_days" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "allowed_timeslot" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "auth_type" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "daily_limit" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN     "monthly_limit" INTEGER NOT NULL DEFAULT 1000,
ADD COLUMN     "quota_call_queues" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_conference" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_devices" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_extensions" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_ivr_menus" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_music_on_hold" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_ring_groups" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "quota_voicemail" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "verify" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "caller_id_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "caller_id_prefix" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "destination_type" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "destination_value" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "provider_id" INTEGER;

-- AlterTable
ALTER TABLE "extensions" ADD COLUMN     "absolute_codec_string" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "directory_exten_visible" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "directory_first_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "directory_last_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "directory_visible" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "emergency_caller_id_name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "emergency_caller_id_number" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "follow_me_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "forward_user_not_registered_destination" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "forward_user_not_registered_enabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "number_alias" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "providers" ADD COLUMN     "auth_username" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "channels" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "codec_prefs" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "contact_in_ping" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "contact_params" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "context" TEXT NOT NULL DEFAULT 'public',
ADD COLUMN     "distinct_to" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "extension" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "extension_in_contact" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "from_user" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "outbound_caller_id" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "outbound_proxy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "ping_max" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "ping_min" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "register_proxy" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "sip_cid_type" TEXT NOT NULL DEFAULT 'none',
ADD COLUMN     "suppress_cng" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "type" TEXT NOT NULL DEFAULT 'sip',
ADD COLUMN     "weight" INTEGER NOT NULL DEFAULT 0;

-- DIDs and caller ids become ICTCore accounts (type "did" and "cid"), keeping what they held.
INSERT INTO "accounts" ("tenant_id", "type", "username", "first_name", "phone", "description", "active", "provider_id", "destination_type", "destination_value", "caller_id_prefix", "created_at", "updated_at")
SELECT "tenant_id", 'did', "number", "description", "number", "description", "active", "provider_id", "destination_type", "destination_value", "caller_id_prefix", "created_at", "updated_at" FROM "dids" ORDER BY "id";
INSERT INTO "accounts" ("tenant_id", "type", "username", "first_name", "caller_id_name", "phone", "description", "active", "created_at", "updated_at")
SELECT "tenant_id", 'cid', "number", "name", "name", "number", "description", "active", "created_at", "updated_at" FROM "caller_ids" ORDER BY "id";

-- DropTable
DROP TABLE "dids";

-- DropTable
DROP TABLE "caller_ids";

-- CreateIndex
CREATE INDEX "accounts_type_phone_idx" ON "accounts"("type", "phone");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE SET NULL ON UPDATE CASCADE;
