-- CreateTable
CREATE TABLE "call_flows" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "feature_code" TEXT NOT NULL,
    "status" BOOLEAN NOT NULL DEFAULT true,
    "pin_number" TEXT NOT NULL DEFAULT '',
    "label" TEXT NOT NULL DEFAULT 'Open',
    "alternate_label" TEXT NOT NULL DEFAULT 'Closed',
    "sound" TEXT NOT NULL DEFAULT '',
    "alternate_sound" TEXT NOT NULL DEFAULT '',
    "app" TEXT NOT NULL DEFAULT 'transfer',
    "alternate_app" TEXT NOT NULL DEFAULT 'transfer',
    "destination_type" TEXT NOT NULL DEFAULT '',
    "destination_value" TEXT NOT NULL DEFAULT '',
    "alternate_destination_type" TEXT NOT NULL DEFAULT '',
    "alternate_destination_value" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "call_flows_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "call_flows_destination_idx" ON "call_flows"("tenant_id", "destination_type", "destination_value");

-- CreateIndex
CREATE INDEX "call_flows_alternate_destination_idx" ON "call_flows"("tenant_id", "alternate_destination_type", "alternate_destination_value");

-- CreateIndex
CREATE UNIQUE INDEX "call_flows_tenant_id_extension_key" ON "call_flows"("tenant_id", "extension");

-- CreateIndex
CREATE UNIQUE INDEX "call_flows_tenant_id_feature_code_key" ON "call_flows"("tenant_id", "feature_code");
