-- CreateTable
CREATE TABLE "switch_nodes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 8021,
    "password_enc" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "cdrs" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "uuid" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "node" TEXT NOT NULL DEFAULT '',
    "direction" TEXT NOT NULL DEFAULT '',
    "caller_id_name" TEXT NOT NULL DEFAULT '',
    "caller_id_number" TEXT NOT NULL DEFAULT '',
    "destination_number" TEXT NOT NULL DEFAULT '',
    "extension" TEXT NOT NULL DEFAULT '',
    "context" TEXT NOT NULL DEFAULT '',
    "start_at" DATETIME NOT NULL,
    "answer_at" DATETIME,
    "end_at" DATETIME,
    "duration" INTEGER NOT NULL DEFAULT 0,
    "billsec" INTEGER NOT NULL DEFAULT 0,
    "hangup_cause" TEXT NOT NULL DEFAULT '',
    "disposition" TEXT NOT NULL DEFAULT '',
    "raw" TEXT NOT NULL DEFAULT '',
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "cdrs_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "switch_nodes_name_key" ON "switch_nodes"("name");

-- CreateIndex
CREATE UNIQUE INDEX "cdrs_uuid_key" ON "cdrs"("uuid");

-- CreateIndex
CREATE INDEX "cdrs_tenant_id_start_at_idx" ON "cdrs"("tenant_id", "start_at");

-- CreateIndex
CREATE INDEX "cdrs_extension_start_at_idx" ON "cdrs"("extension", "start_at");
