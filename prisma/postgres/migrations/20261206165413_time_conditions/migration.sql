-- CreateTable
CREATE TABLE "time_conditions" (
    "id" TEXT NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "wday_start" TEXT NOT NULL DEFAULT 'mon',
    "wday_stop" TEXT NOT NULL DEFAULT 'fri',
    "time_start" TEXT NOT NULL DEFAULT '08:00',
    "time_stop" TEXT NOT NULL DEFAULT '17:00',
    "date_start" TEXT NOT NULL DEFAULT '',
    "date_stop" TEXT NOT NULL DEFAULT '',
    "holidays" TEXT NOT NULL DEFAULT '[]',
    "open_destination_type" TEXT NOT NULL DEFAULT '',
    "open_destination_value" TEXT NOT NULL DEFAULT '',
    "closed_destination_type" TEXT NOT NULL DEFAULT '',
    "closed_destination_value" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "time_conditions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "time_conditions_open_destination_idx" ON "time_conditions"("tenant_id", "open_destination_type", "open_destination_value");

-- CreateIndex
CREATE INDEX "time_conditions_closed_destination_idx" ON "time_conditions"("tenant_id", "closed_destination_type", "closed_destination_value");

-- CreateIndex
CREATE UNIQUE INDEX "time_conditions_tenant_id_extension_key" ON "time_conditions"("tenant_id", "extension");

-- AddForeignKey
ALTER TABLE "time_conditions" ADD CONSTRAINT "time_conditions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
