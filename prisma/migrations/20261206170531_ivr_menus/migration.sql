-- CreateTable
CREATE TABLE "ivr_menus" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "language" TEXT NOT NULL DEFAULT 'en',
    "greet_long" TEXT NOT NULL DEFAULT '',
    "greet_short" TEXT NOT NULL DEFAULT '',
    "invalid_sound" TEXT NOT NULL DEFAULT '',
    "exit_sound" TEXT NOT NULL DEFAULT '',
    "timeout" INTEGER NOT NULL DEFAULT 10000,
    "max_failures" INTEGER NOT NULL DEFAULT 3,
    "max_timeouts" INTEGER NOT NULL DEFAULT 3,
    "exit_app" TEXT NOT NULL DEFAULT '',
    "exit_type" TEXT NOT NULL DEFAULT '',
    "exit_value" TEXT NOT NULL DEFAULT '',
    "direct_dial" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "ivr_menus_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ivr_menu_options" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ivr_menu_id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "digits" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "param" TEXT NOT NULL DEFAULT '',
    "destination_type" TEXT NOT NULL DEFAULT '',
    "destination_value" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    CONSTRAINT "ivr_menu_options_ivr_menu_id_fkey" FOREIGN KEY ("ivr_menu_id") REFERENCES "ivr_menus" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ivr_menus_exit_destination_idx" ON "ivr_menus"("tenant_id", "exit_type", "exit_value");

-- CreateIndex
CREATE UNIQUE INDEX "ivr_menus_tenant_id_extension_key" ON "ivr_menus"("tenant_id", "extension");

-- CreateIndex
CREATE INDEX "ivr_menu_options_ivr_menu_id_idx" ON "ivr_menu_options"("ivr_menu_id");

-- CreateIndex
CREATE INDEX "ivr_menu_options_destination_idx" ON "ivr_menu_options"("tenant_id", "destination_type", "destination_value");
