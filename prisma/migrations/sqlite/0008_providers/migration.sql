-- AlterTable
ALTER TABLE "Message" ADD COLUMN "provider" TEXT;

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN "error" TEXT;
ALTER TABLE "UsageEvent" ADD COLUMN "provider" TEXT;
