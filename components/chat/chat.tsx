"use client";

import { ArrowDown } from "lucide-react";
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { saveChatSettingsAction, showBranchAction } from "@/app/(chat)/chat-actions";
import { messageAnchor } from "@/components/search/jump";
import { siblingsOf } from "@/lib/chat/branches";
import type { ModelChoice } from "@/lib/chat/chat-view";
import { plainTextOf, textParts } from "@/lib/chat/part-text";
import { addDeltas, emptyBuilder, finishParts, type PartsBuilder, type TimedDelta } from "@/lib/chat/parts-builder";
import type { ChatEvent } from "@/lib/chat/stream-events";
import type { ConversationSettings } from "@/lib/db/conversation-settings";
import type { UploadedFile } from "@/lib/files/contract";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { CHAT_EVENTS } from "./keyboard-shortcuts";
import { LoadOlder } from "./load-older";
import type { MessageControls } from "./message-actions";
import { fetchWindow, isSaved, localId, tokensUsed } from "./messages";
import { readEvents } from "./ndjson";
import { fileIdsOf, filePartOf, modelOf } from "./sent-files";
import { useShell } from "./shell-context";
import { stopAnswer } from "./stop-answer";
import { type ChatMessage, partsOf } from "./types";
import { useAttachments } from "./use-attachments";
import { useBranchJump } from "./use-branch-jump";
import { useFrameBatch } from "./use-frame-batch";
import { useOlderMessages } from "./use-older-messages";

// Loaded the first time the settings are opened, not with the chat page.
const ChatSettingsDialog = lazy(() => import("./chat-settings").then((m) => ({ default: m.ChatSettingsDialog })));
// The messages' components come with the first message (fetched as soon as one is being written):
// an empty chat does not load them. A conversation's page is rendered in full on the server.
const loadMessage = () => import("./message");
const Message = lazy(() => loadMessage().then((m) => ({ default: m.Message })));

import { attachPoint, type ChatNode, useMessageTree } from "./use-message-tree";
import { useStickToBottom } from "./use-stick-to-bottom";

export interface ChatProps {
  /** The saved conversation, or none for a new chat. */
  conversationId?: string;
  /** Every version of every message, parents linked (components/chat/messages.ts). */
  initialMessages?: ChatNode[];
  /** The last message of the branch shown. */
  initialLeafId?: string | null;
  /** A long conversation opens with its newest messages: there are earlier ones to load. */
  hasOlder?: boolean;
  /** Tokens of the messages not loaded (the header's conversation total counts them). */
  unloadedTokens?: number;
  /** An answer is being generated as the page loads: the message it follows. */
  liveAnswer?: { parentId: string | null } | null;
  settings: ConversationSettings;
  models: ModelChoice[];
  maxTokensLimit: number;
  offlineDemo: boolean;
  /** Tokens left this month, shown in the header and refreshed after every answer. */
  quotaLeft: number;
  /** More controls for the header (sharing, "forked from"), supplied by the page. */
  headerExtra?: ReactNode;
}

interface RunOptions {
  /** The placeholder answer that events fill. */
  assistantId: string;
  /** The user message this run sends, when it sends one. */
  user?: { id: string; content: string };
  /** Following an answer already under way (a reloaded page), not starting one. */
  follow?: boolean;
}

const NETWORK_ERROR = "Could not reach the server. Check your connection and try again.";
const CUT_ERROR = "The connection was lost before the answer finished.";

const streamingAnswer = (parentId: string | null): ChatNode => ({
  id: localId("answer"),
  parentId,
  role: "assistant",
  content: "",
  status: "streaming",
  error: null,
});

/** A question as the page shows it until the server's ids arrive. */
const sentQuestion = (parentId: string | null, content: string, parts: ChatMessage["parts"]): ChatNode => ({
  id: localId("user"),
  parentId,
  role: "user",
  content,
  parts,
  status: "COMPLETE",
  error: null,
});

export function Chat({
  conversationId: savedId,
  initialMessages = [],
  initialLeafId = null,
  hasOlder = false,
  unloadedTokens = 0,
  liveAnswer = null,
  settings: initialSettings,
  models,
  maxTokensLimit,
  offlineDemo,
  quotaLeft: initialQuota,
  headerExtra,
}: ChatProps) {
  const { touchConversation } = useShell();
  // A page loaded mid-answer shows the answer where it goes, and follows it (see below).
  const [followed] = useState(() =>
    // Named after its parent, not the clock: the server and the browser render the same id.
    liveAnswer ? { ...streamingAnswer(liveAnswer.parentId), id: localId(`live-${liveAnswer.parentId}`, "") } : null,
  );
  const tree = useMessageTree(
    followed ? [...initialMessages, followed] : initialMessages,
    followed ? followed.id : initialLeafId,
  );
  const { path, branchOff, patch, rename, remove, show, reset, addOlder } = tree;
  const [input, setInput] = useState("");
  const [streaming, setStreaming] = useState(false);
  const [quotaLeft, setQuotaLeft] = useState(initialQuota);
  const [settings, setSettings] = useState(initialSettings);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const attachments = useAttachments(settings.model);
  const composing = input !== "" || attachments.attachments.length > 0;
  useEffect(() => {
    if (composing) void loadMessage();
  }, [composing]);

  const conversationId = useRef<string | null>(savedId ?? null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  // Focus the composer on desktop (on phones it would pop the keyboard up).
  const focusComposerOnDesktop = useCallback(() => {
    if (window.matchMedia("(min-width: 768px)").matches) inputRef.current?.focus();
  }, []);
  const busy = useRef(false);
  /** The answer being read has started (the server generates it and can stop it). */
  const answering = useRef(false);
  const stopWhenStarted = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const restoredText = useRef<string | null>(null);
  // Each streaming answer's parts so far, folded from its deltas (reasoning, tool calls, text).
  const builders = useRef(new Map<string, PartsBuilder>());
  const applyDeltas = useCallback(
    (id: string, deltas: TimedDelta[]) => {
      const built = addDeltas(builders.current.get(id) ?? emptyBuilder, deltas);
      builders.current.set(id, built);
      patch(id, { parts: built.parts, content: plainTextOf(built.parts) });
    },
    [patch],
  );
  const { queue: queueDelta, flush } = useFrameBatch(applyDeltas);
  /** The answer's stream has ended: its reasoning gets its duration, its builder goes. */
  const settleParts = useCallback(
    (id: string) => {
      flush();
      const built = builders.current.get(id);
      builders.current.delete(id);
      if (built) patch(id, { parts: finishParts(built, Date.now()) });
    },
    [flush, patch],
  );
  const { scroller, onScroll, atBottom, follow: stickToBottom, scrollToBottom, keepInPlace } = useStickToBottom(path);
  const older = useOlderMessages({ conversationId, path, addOlder, keepInPlace, hasOlder, unloadedTokens });
  const { loadNearTop, restart } = older;
  const onScrollChat = useCallback(() => {
    onScroll();
    loadNearTop(scroller.current);
  }, [onScroll, loadNearTop, scroller]);

  /** A conversation the server has created: the URL and the sidebar learn about it. */
  const adopt = useCallback(
    (id: string, title: string | undefined) => {
      const isNew = conversationId.current === null;
      conversationId.current = id;
      if (isNew) window.history.replaceState(null, "", `/c/${id}`);
      touchConversation({ id, title });
    },
    [touchConversation],
  );

  /** The saved conversation again, when an answer it was following has ended meanwhile. */
  const reload = useCallback(async () => {
    const saved = conversationId.current ? await fetchWindow(conversationId.current) : null;
    if (saved) {
      reset(saved.messages, saved.leafId);
      restart(saved);
    }
    return Boolean(saved);
  }, [reset, restart]);

  const run = useCallback(
    async (open: (signal: AbortSignal) => Promise<Response>, { assistantId, user, follow }: RunOptions) => {
      busy.current = true;
      answering.current = false;
      stopWhenStarted.current = false;
      const controller = new AbortController();
      abort.current = controller;
      setStreaming(true);
      let started = false;
      let ended = false;
      /** The composer is free again: at the answer's end, though the stream may still bring its title. */
      const release = () => {
        if (abort.current !== controller) return;
        abort.current = null;
        busy.current = false;
        setStreaming(false);
      };

      const failBeforeStream = (
        message: string,
        saved: { conversationId?: string; parentId?: string } | null,
        final = false,
      ) => {
        if (saved?.conversationId) {
          // The user's message was saved, and with it a failed answer: Retry answers it again.
          const isNew = conversationId.current === null;
          adopt(saved.conversationId, isNew && user ? titleFrom(user.content) : undefined);
          if (user && saved.parentId) rename(user.id, saved.parentId);
          patch(assistantId, { status: "ERROR", error: message, final });
        } else if (user) {
          // Nothing was saved: the message stays, marked unsent; Retry sends it again.
          remove(assistantId);
          patch(user.id, { error: message, unsent: true, final });
          show(user.id);
        } else {
          patch(assistantId, { status: "ERROR", error: message, final });
        }
        if (user) {
          // Keep what was typed, unless something new is already in the composer.
          restoredText.current = user.content;
          setInput((current) => (current.trim() === "" ? user.content : current));
        }
      };

      const onEvent = (event: ChatEvent) => {
        if (event.type === "start") {
          started = true;
          answering.current = abort.current === controller;
          adopt(event.conversationId, event.title);
          if (stopWhenStarted.current) stopAnswer(controller, event.conversationId);
          const questionId = event.messageIds.at(-1);
          if (user && questionId) rename(user.id, questionId);
          // A follower is sent the whole answer so far: it starts from nothing.
          if (follow) {
            builders.current.delete(assistantId);
            patch(assistantId, { content: "", parts: [], status: "streaming", error: null });
          }
          if (restoredText.current !== null) {
            const sent = restoredText.current;
            restoredText.current = null;
            setInput((current) => (current === sent ? "" : current));
          }
        } else if (event.type === "delta") {
          if (event.text) queueDelta(assistantId, { delta: { type: "text", text: event.text }, at: Date.now() });
        } else if (event.type === "reasoning" || event.type === "tool-call") {
          queueDelta(assistantId, { delta: event, at: Date.now() });
        } else if (event.type === "end") {
          ended = true;
          setQuotaLeft(event.quotaLeft);
          settleParts(assistantId);
          patch(assistantId, {
            status: event.status,
            error: event.status === "ERROR" ? (event.error ?? CUT_ERROR) : null,
            model: event.model,
            promptTokens: event.promptTokens,
            completionTokens: event.completionTokens,
          });
          rename(assistantId, event.messageId);
          release();
        } else if (event.type === "title") {
          touchConversation({ id: event.conversationId, title: event.title });
        }
      };

      try {
        const response = await open(controller.signal);
        if (response.status === 401) {
          window.location.assign("/sign-in");
          return;
        }
        if (follow && response.status === 204) {
          // The answer ended between the page load and now: show it as saved.
          if (!(await reload())) patch(assistantId, { status: "ERROR", error: CUT_ERROR });
          return;
        }
        if (!response.ok || !response.body) {
          const data = (await response.json().catch(() => null)) as {
            error?: string;
            conversationId?: string;
            parentId?: string;
          } | null;
          // A refusal (4xx other than 429) answers the same way again: no Retry for it.
          const final = response.status < 500 && response.status !== 429;
          failBeforeStream(data?.error || `Something went wrong (HTTP ${response.status}).`, data, final);
          return;
        }
        await readEvents(response.body, onEvent);
        if (!ended) {
          settleParts(assistantId);
          patch(assistantId, { status: "ERROR", error: CUT_ERROR });
        }
      } catch {
        settleParts(assistantId);
        if (ended) return;
        // A follower that goes away (the chat unmounts) leaves the answer running on the server.
        if (controller.signal.aborted) {
          if (!follow) patch(assistantId, { status: "STOPPED" });
        } else if (!started && !follow) failBeforeStream(NETWORK_ERROR, null);
        else patch(assistantId, { status: "ERROR", error: CUT_ERROR });
      } finally {
        settleParts(assistantId);
        release();
      }
    },
    [adopt, patch, queueDelta, remove, rename, reload, settleParts, show, touchConversation],
  );

  /** Posts a turn to the chat door. */
  const post = useCallback(
    (body: { content?: string; parentId?: string | null; fileIds?: string[] }, options: RunOptions) => {
      stickToBottom();
      const id = conversationId.current;
      // A new chat's settings are saved with its first message.
      const fresh = id
        ? {}
        : {
            model: settings.model,
            systemPrompt: settings.systemPrompt ?? undefined,
            temperature: settings.temperature ?? undefined,
            maxTokens: settings.maxTokens ?? undefined,
          };
      // A parent the server has not named yet (an answer cut before its end) is the branch it shows.
      const parentId = body.parentId && !isSaved(body.parentId) ? undefined : body.parentId;
      const payload = JSON.stringify({ ...fresh, ...body, parentId, conversationId: id ?? undefined });
      void run(
        (signal) =>
          fetch("/api/chat", {
            method: "POST",
            headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
            body: payload,
            signal,
          }),
        options,
      );
    },
    [run, settings, stickToBottom],
  );

  // Read through a ref so the memoized messages keep stable callbacks.
  const pathRef = useRef(path);
  useEffect(() => {
    pathRef.current = path;
  }, [path]);

  const send = useCallback(
    (text: string, files: readonly UploadedFile[] = []) => {
      const content = text.trim();
      if (!content || busy.current) return;
      const { parent, replaced } = attachPoint(pathRef.current);
      const parentId = parent?.id ?? null;
      // The files come first, as the server stores them (lib/files/contract.ts).
      const parts = [...files.map(filePartOf), ...textParts(content)];
      const user = sentQuestion(parentId, content, parts);
      const assistant = streamingAnswer(user.id);
      restoredText.current = null;
      branchOff(parentId, [user, assistant], replaced);
      setInput("");
      post(
        { content, parentId: conversationId.current ? parentId : undefined, fileIds: fileIdsOf(parts) },
        { assistantId: assistant.id, user: { id: user.id, content } },
      );
    },
    [branchOff, post],
  );

  /** Answers the question `answer` follows again, as a new version of the answer. */
  const regenerate = useCallback(
    (answer: ChatMessage) => {
      const parentId = answer.parentId ?? null;
      if (busy.current || !parentId || !conversationId.current) return;
      const assistant = streamingAnswer(parentId);
      branchOff(parentId, [assistant]);
      post({ parentId }, { assistantId: assistant.id });
      // The button goes away with the answer it was on: the keyboard goes to the composer.
      focusComposerOnDesktop();
    },
    [branchOff, post, focusComposerOnDesktop],
  );

  const edit = useCallback(
    (question: ChatMessage, content: string) => {
      if (busy.current || !conversationId.current) return;
      const parentId = question.parentId ?? null;
      // The new version keeps the question's files: only its text was edited.
      const files = partsOf(question).filter((p) => p.type === "file");
      const parts = [...files, ...textParts(content)];
      const user = sentQuestion(parentId, content, parts);
      const assistant = streamingAnswer(user.id);
      branchOff(parentId, [user, assistant]);
      post(
        { content, parentId, fileIds: fileIdsOf(parts) },
        { assistantId: assistant.id, user: { id: user.id, content } },
      );
      focusComposerOnDesktop();
    },
    [branchOff, post, focusComposerOnDesktop],
  );

  /** Tries a failed turn again: a failed answer is answered again, an unsent question sent again. */
  const retry = useCallback(
    (failed: ChatMessage) => {
      if (busy.current) return;
      if (failed.role === "assistant" && failed.status === "ERROR") regenerate(failed);
      else if (failed.role === "user" && failed.unsent) {
        const assistant = streamingAnswer(failed.id);
        patch(failed.id, { error: null, unsent: false });
        branchOff(failed.id, [assistant]);
        restoredText.current = failed.content;
        post(
          {
            content: failed.content,
            parentId: conversationId.current ? failed.parentId : undefined,
            fileIds: fileIdsOf(partsOf(failed)),
          },
          { assistantId: assistant.id, user: { id: failed.id, content: failed.content } },
        );
      }
    },
    [branchOff, patch, post, regenerate],
  );

  const { siblingLeaf } = tree;
  const showVersion = useCallback(
    (message: ChatMessage, by: -1 | 1) => {
      if (busy.current) return;
      const target = siblingLeaf(message as ChatNode, by);
      if (!target) return;
      // The version shown takes the place of the one it replaces: the view stays where it was.
      keepInPlace(messageAnchor(message.id), messageAnchor(target.siblingId));
      show(target.leafId);
      const id = conversationId.current;
      if (id && isSaved(target.leafId)) void showBranchAction(id, target.leafId).catch(() => {});
      // Keep the keyboard where it was: on the same switcher, now of the version shown.
      requestAnimationFrame(() => {
        const switcher = document.getElementById(messageAnchor(target.siblingId));
        const button = switcher?.querySelector<HTMLButtonElement>(
          `[data-testid="${by < 0 ? "branch-prev" : "branch-next"}"]:not(:disabled), [data-testid^="branch-"]:not(:disabled)`,
        );
        button?.focus();
      });
    },
    [show, siblingLeaf, keepInPlace],
  );

  const controls = useMemo<MessageControls>(() => ({ showVersion, edit, regenerate }), [showVersion, edit, regenerate]);

  const stop = useCallback(() => {
    const stream = abort.current;
    if (!stream) return;
    // Before the answer has started, the server has nothing to stop yet: it is stopped as soon
    // as it starts (see the "start" event above).
    if (answering.current && conversationId.current) stopAnswer(stream, conversationId.current);
    else stopWhenStarted.current = true;
  }, []);

  // Follow an answer that was being generated when the page loaded (once: a follower that the
  // unmount below cut off is simply followed again by the next mount).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount only
  useEffect(() => {
    const id = conversationId.current;
    if (!followed || !id) return;
    void run((signal) => fetch(`/api/conversations/${id}/stream`, { signal, cache: "no-store" }), {
      assistantId: followed.id,
      follow: true,
    });
  }, []);

  // Stop reading the stream if the chat goes away (e.g. "New chat"). An answer this page posted
  // stops on the server too after a grace period (lib/chat/active-runs).
  useEffect(() => () => abort.current?.abort(), []);

  // Keyboard shortcuts (components/chat/keyboard-shortcuts.tsx).
  useEffect(() => {
    const focusComposer = () => inputRef.current?.focus();
    window.addEventListener(CHAT_EVENTS.focusComposer, focusComposer);
    window.addEventListener(CHAT_EVENTS.stopAnswer, stop);
    return () => {
      window.removeEventListener(CHAT_EVENTS.focusComposer, focusComposer);
      window.removeEventListener(CHAT_EVENTS.stopAnswer, stop);
    };
  }, [stop]);

  useBranchJump(tree.tree, path, show, older.loadOlder);

  useEffect(() => focusComposerOnDesktop(), [focusComposerOnDesktop]);

  const saveSettings = useCallback(async (next: ConversationSettings) => {
    const id = conversationId.current;
    // A new chat keeps them until its first message saves them with it.
    if (!id) {
      setSettings(next);
      return null;
    }
    const result = await saveChatSettingsAction(id, next);
    if (!result.ok) return result.error;
    setSettings(result.settings);
    return null;
  }, []);

  const visible = path.filter((m) => m.role !== "system");
  const lastId = visible.at(-1)?.id;
  const lastAnswerId = visible.findLast((m) => m.role === "assistant")?.id;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <ChatHeader
        model={settings.model}
        models={models}
        onPickModel={(model) => saveSettings({ ...settings, model })}
        offlineDemo={offlineDemo}
        quotaLeft={quotaLeft}
        conversationTokens={older.unloadedTokens + tokensUsed(tree.messages)}
        onOpenSettings={() => setSettingsOpen(true)}
        extra={headerExtra}
      />
      <div className="relative min-h-0 flex-1">
        <div ref={scroller} onScroll={onScrollChat} className="scroll-thin h-full overflow-y-auto">
          {visible.length === 0 ? (
            <EmptyState onPick={send} />
          ) : (
            <div
              role="log"
              aria-live="polite"
              aria-label="Conversation"
              aria-busy={streaming}
              className="mx-auto flex w-full max-w-3xl flex-col gap-8 px-4 pt-6 pb-10 sm:px-6"
            >
              {older.hasOlder && <LoadOlder loading={older.loading} onLoad={() => void older.loadOlder()} />}
              <Suspense fallback={null}>
                {visible.map((m) => {
                  const versions = siblingsOf(tree.tree, m);
                  return (
                    <Message
                      key={m.key ?? m.id}
                      message={m}
                      canRetry={!streaming && !m.final && (m.id === lastId || m.status === "ERROR")}
                      onRetry={retry}
                      controls={controls}
                      versionIndex={versions.indexOf(m)}
                      versionCount={versions.length}
                      lastAnswer={m.id === lastAnswerId}
                      busy={streaming}
                    />
                  );
                })}
              </Suspense>
            </div>
          )}
        </div>
        {!atBottom && visible.length > 0 && (
          <button
            type="button"
            onClick={scrollToBottom}
            aria-label="Scroll to the latest message"
            className="absolute bottom-3 left-1/2 flex size-9 -translate-x-1/2 items-center justify-center rounded-full border border-zinc-200 bg-white text-zinc-600 shadow-md transition-colors hover:bg-zinc-50 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300"
          >
            <ArrowDown className="size-4" aria-hidden="true" />
          </button>
        )}
      </div>
      <Composer
        value={input}
        onChange={setInput}
        onSend={() => {
          send(input, attachments.ready);
          attachments.clear();
        }}
        onStop={stop}
        streaming={streaming}
        inputRef={inputRef}
        attachments={attachments}
        model={modelOf(models, settings.model)}
      />
      {settingsOpen && (
        <Suspense fallback={null}>
          <ChatSettingsDialog
            open
            settings={settings}
            models={models}
            maxTokensLimit={maxTokensLimit}
            onSave={saveSettings}
            onClose={() => setSettingsOpen(false)}
          />
        </Suspense>
      )}
    </div>
  );
}

/** A provisional sidebar title until the server's own shows up. */
function titleFrom(content: string): string {
  const line = content.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || "New chat";
}
