-- Hand-written: ADD COLUMN keeps the tables (and the search triggers on them) in place.
ALTER TABLE "Conversation" ADD COLUMN "titleSource" TEXT NOT NULL DEFAULT 'FIRST_MESSAGE';

ALTER TABLE "UsageEvent" ADD COLUMN "purpose" TEXT NOT NULL DEFAULT 'CHAT';
