-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "titleSource" TEXT NOT NULL DEFAULT 'FIRST_MESSAGE';

-- AlterTable
ALTER TABLE "UsageEvent" ADD COLUMN     "purpose" TEXT NOT NULL DEFAULT 'CHAT';
