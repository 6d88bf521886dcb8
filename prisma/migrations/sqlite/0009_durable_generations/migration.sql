-- AlterTable
ALTER TABLE "Message" ADD COLUMN "heartbeatAt" DATETIME;

-- CreateTable
CREATE TABLE "Generation" (
    "messageId" TEXT NOT NULL PRIMARY KEY,
    "conversationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "reservationKeys" TEXT NOT NULL,
    "reservedTokens" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopRequestedAt" DATETIME
);
