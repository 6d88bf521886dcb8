-- CreateIndex
CREATE INDEX "Conversation_ownerId_pinnedAt_updatedAt_id_idx" ON "Conversation"("ownerId", "pinnedAt", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_deletedAt_idx" ON "Conversation"("deletedAt");

-- ─── Full-text search (hand-written below this line) ───────────────────────────────────────────
-- Generated tsvector columns with GIN indexes over "Message"."content" and
-- "Conversation"."title". Stored (not an expression index) so that rechecks of lossy bitmap pages
-- read the vector instead of re-parsing the text.
--
-- Prisma cannot see these columns (they are not in schema.prisma, on purpose: the client never
-- reads or writes them). `npm run db:new-migration` diffs the schema.prisma copies kept in these
-- folders, not the database, so later diffs go on working and never touch them. A later
-- migration that changes the type of "content" or "title" must drop and re-add the matching
-- column here first (PostgreSQL refuses to alter a column a generated column depends on).
-- The english configuration stems like the porter tokenizer of the SQLite migration. Unlike it,
-- it does not fold accents (that needs the unaccent extension, which an install may not have).
-- (No semicolons or quotes in these comments: the engine splits the script on them.)

ALTER TABLE "Message" ADD COLUMN "searchVector" tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED;
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

ALTER TABLE "Conversation" ADD COLUMN "titleSearchVector" tsvector
    GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "title")) STORED;
CREATE INDEX "Conversation_titleSearchVector_idx" ON "Conversation" USING GIN ("titleSearchVector");

-- Newest-first search: for a word in many messages, walking this index backwards and checking
-- each vector finds the 20 newest matches after a few dozen rows, where the GIN index would fetch
-- every match and sort them (seconds at a million messages). The planner picks between the two
-- from the column statistics. Only search needs it, so it lives here rather than in the schema.
CREATE INDEX "Message_search_createdAt_idx" ON "Message" ("createdAt");
