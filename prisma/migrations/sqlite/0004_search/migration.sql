-- CreateIndex
CREATE INDEX "Conversation_ownerId_pinnedAt_updatedAt_id_idx" ON "Conversation"("ownerId", "pinnedAt", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Conversation_deletedAt_idx" ON "Conversation"("deletedAt");

-- ─── Full-text search (hand-written below this line) ───────────────────────────────────────────
-- FTS5 indexes over "Message"."content" and "Conversation"."title", kept current by triggers.
--
-- Prisma cannot see virtual tables or triggers. `npm run db:new-migration` diffs the schema.prisma
-- copies kept in these folders, not the database, so later diffs go on working and will never
-- touch (nor recreate) these objects. One caveat: when Prisma redefines a table on SQLite
-- ("RedefineTables": CREATE new_X, copy, DROP X, RENAME), dropping the old table drops its
-- triggers. A later migration that redefines "Message" or "Conversation" must repeat the CREATE
-- TRIGGER statements of that table from here and end with the matching rebuild command. The search tests
-- (lib/conversations/search.db.test.ts) fail if it does not.
--
-- External content tables: the text is stored once, in "Message" and "Conversation", and the
-- index keys rows by rowid. Both tables have TEXT primary keys, so rowid is implicit. SQLite keeps
-- it across VACUUM (verified on 3.53), and rows are never copied otherwise.
-- Porter stemming ("deploying" finds "deploy") and folded accents ("cafe" finds "café"). The
-- PostgreSQL migration uses the english configuration to match. A prefix index for three
-- letters makes search-as-you-type on short starts ("con" of a thousand words) as quick as a
-- whole word (lib/conversations/search.ts expands prefixes of three letters or more).
-- (No semicolons or quotes in these comments: migration engines may split scripts on them.)

CREATE VIRTUAL TABLE "MessageSearch" USING fts5(
    "content",
    content = 'Message',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2',
    prefix = '3'
);

CREATE TRIGGER "Message_search_insert" AFTER INSERT ON "Message" BEGIN
    INSERT INTO "MessageSearch" (rowid, "content") VALUES (new.rowid, new."content");
END;

CREATE TRIGGER "Message_search_delete" AFTER DELETE ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", rowid, "content") VALUES ('delete', old.rowid, old."content");
END;

CREATE TRIGGER "Message_search_update" AFTER UPDATE OF "content" ON "Message" BEGIN
    INSERT INTO "MessageSearch" ("MessageSearch", rowid, "content") VALUES ('delete', old.rowid, old."content");
    INSERT INTO "MessageSearch" (rowid, "content") VALUES (new.rowid, new."content");
END;

INSERT INTO "MessageSearch" ("MessageSearch") VALUES ('rebuild');

CREATE VIRTUAL TABLE "ConversationSearch" USING fts5(
    "title",
    content = 'Conversation',
    content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "Conversation_search_insert" AFTER INSERT ON "Conversation" BEGIN
    INSERT INTO "ConversationSearch" (rowid, "title") VALUES (new.rowid, new."title");
END;

CREATE TRIGGER "Conversation_search_delete" AFTER DELETE ON "Conversation" BEGIN
    INSERT INTO "ConversationSearch" ("ConversationSearch", rowid, "title") VALUES ('delete', old.rowid, old."title");
END;

CREATE TRIGGER "Conversation_search_update" AFTER UPDATE OF "title" ON "Conversation" BEGIN
    INSERT INTO "ConversationSearch" ("ConversationSearch", rowid, "title") VALUES ('delete', old.rowid, old."title");
    INSERT INTO "ConversationSearch" (rowid, "title") VALUES (new.rowid, new."title");
END;

INSERT INTO "ConversationSearch" ("ConversationSearch") VALUES ('rebuild');
