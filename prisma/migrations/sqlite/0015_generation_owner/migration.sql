-- AlterTable
ALTER TABLE "Generation" ADD COLUMN "owner" TEXT;
