-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "provider" TEXT;

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "error" TEXT,
ADD COLUMN     "provider" TEXT;
