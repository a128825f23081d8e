-- CreateTable
CREATE TABLE "accounts" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER,
    "user_id" INTEGER,
    "type" TEXT NOT NULL DEFAULT 'account',
    "username" TEXT NOT NULL DEFAULT '',
    "first_name" TEXT NOT NULL DEFAULT '',
    "last_name" TEXT NOT NULL DEFAULT '',
    "phone" TEXT NOT NULL DEFAULT '',
    "email" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "extensions" (
    "id" TEXT NOT NULL,
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
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "extensions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "providers" (
    "id" SERIAL NOT NULL,
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
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "providers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "routes" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER,
    "provider_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "strip" INTEGER NOT NULL DEFAULT 0,
    "prepend" TEXT NOT NULL DEFAULT '',
    "priority" INTEGER NOT NULL DEFAULT 100,
    "service_flag" INTEGER NOT NULL DEFAULT 1,
    "toll_type" TEXT NOT NULL DEFAULT '',
    "cost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "routes_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dids" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "provider_id" INTEGER,
    "account_id" INTEGER,
    "destination_type" TEXT NOT NULL DEFAULT '',
    "destination_value" TEXT NOT NULL DEFAULT '',
    "caller_id_prefix" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dids_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "caller_ids" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "caller_ids_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "destinations" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "destinations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sip_profile_settings" (
    "profile" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "sip_profile_settings_pkey" PRIMARY KEY ("profile","name")
);

-- CreateIndex
CREATE INDEX "accounts_tenant_id_idx" ON "accounts"("tenant_id");

-- CreateIndex
CREATE INDEX "accounts_user_id_idx" ON "accounts"("user_id");

-- CreateIndex
CREATE INDEX "extensions_user_id_idx" ON "extensions"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "extensions_tenant_id_extension_key" ON "extensions"("tenant_id", "extension");

-- CreateIndex
CREATE UNIQUE INDEX "providers_gateway_uuid_key" ON "providers"("gateway_uuid");

-- CreateIndex
CREATE INDEX "providers_tenant_id_idx" ON "providers"("tenant_id");

-- CreateIndex
CREATE INDEX "routes_tenant_id_priority_idx" ON "routes"("tenant_id", "priority");

-- CreateIndex
CREATE INDEX "routes_provider_id_idx" ON "routes"("provider_id");

-- CreateIndex
CREATE UNIQUE INDEX "dids_number_key" ON "dids"("number");

-- CreateIndex
CREATE INDEX "dids_tenant_id_idx" ON "dids"("tenant_id");

-- CreateIndex
CREATE UNIQUE INDEX "caller_ids_tenant_id_number_key" ON "caller_ids"("tenant_id", "number");

-- CreateIndex
CREATE INDEX "destinations_tenant_id_idx" ON "destinations"("tenant_id");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extensions" ADD CONSTRAINT "extensions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "extensions" ADD CONSTRAINT "extensions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "providers" ADD CONSTRAINT "providers_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "routes" ADD CONSTRAINT "routes_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dids" ADD CONSTRAINT "dids_provider_id_fkey" FOREIGN KEY ("provider_id") REFERENCES "providers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "caller_ids" ADD CONSTRAINT "caller_ids_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "destinations" ADD CONSTRAINT "destinations_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
