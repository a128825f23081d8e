-- Accounts get a stable uuid beside their integer id (the inbound route of a DID is keyed by it),
-- existing rows a random one (gen_random_uuid is built into PostgreSQL 13 and later).
-- AlterTable
ALTER TABLE "accounts" ADD COLUMN     "uuid" TEXT;
UPDATE "accounts" SET "uuid" = gen_random_uuid()::text;
ALTER TABLE "accounts" ALTER COLUMN "uuid" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "accounts_uuid_key" ON "accounts"("uuid");
