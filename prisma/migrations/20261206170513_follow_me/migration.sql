-- CreateTable
CREATE TABLE "follow_me" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenant_id" INTEGER NOT NULL,
    "extension_id" TEXT NOT NULL,
    "cid_name_prefix" TEXT NOT NULL DEFAULT '',
    "cid_number_prefix" TEXT NOT NULL DEFAULT '',
    "ignore_busy" BOOLEAN NOT NULL DEFAULT false,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "follow_me_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "follow_me_extension_id_fkey" FOREIGN KEY ("extension_id") REFERENCES "extensions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "follow_me_destinations" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "follow_me_id" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'extension',
    "delay" INTEGER NOT NULL DEFAULT 0,
    "timeout" INTEGER NOT NULL DEFAULT 30,
    "prompt" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "follow_me_destinations_follow_me_id_fkey" FOREIGN KEY ("follow_me_id") REFERENCES "follow_me" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "follow_me_extension_id_key" ON "follow_me"("extension_id");

-- CreateIndex
CREATE INDEX "follow_me_tenant_id_idx" ON "follow_me"("tenant_id");

-- CreateIndex
CREATE INDEX "follow_me_destinations_follow_me_id_idx" ON "follow_me_destinations"("follow_me_id");
