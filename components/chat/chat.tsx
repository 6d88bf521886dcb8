"use client";

import { ArrowDown } from "lucide-react";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { ChatHeader } from "./chat-header";
import { Composer } from "./composer";
import { EmptyState } from "./empty-state";
import { Message } from "./message";
import { readEvents } from "./ndjson";
import { useShell } from "./shell-context";
import type { ChatEvent, ChatMessage } from "./types";

export interface ChatProps {
  /** The saved conversation, or none for a new chat. */
  conversationId?: string;
  initialMessages?: ChatMessage[];
  model: string;
  offlineDemo: boolean;
  /** Tokens left this month, shown in the header and refreshed after every answer. */
  quotaLeft: number;
}

interface RunOptions {
  /** The placeholder answer that events fill. */
  assistantId: string;
  /** The user message this run sends, when it sends one. */
  user?: { id: string; content: string };
}

const NETWORK_ERROR = "Could not reach the server. Check your connection and try again.";
const CUT_ERROR = "The connection was lost before the answer finished.";
const STOP_FALLBACK_MS = 3000;

let counter = 0;
const localId = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

/** Near enough to the bottom to keep following new text. */
const STICK_THRESHOLD = 48;

export function Chat({
  conversationId: savedId,
  initialMessages = [],
  model,
  offlineDemo,
  quotaLeft: initialQuota,
}: ChatProps) {
  const { touchConversation } = useShell();
  const [messages, setMessages] = useState<ChatMessage[]>(initialMessages);
  const [input, setInput] = useState("");
  const [streaming, setStreaming] = useState(false);
  const [modelLabel, setModelLabel] = useState(model);
  const [atBottom, setAtBottom] = useState(true);
  const [quotaLeft, setQuotaLeft] = useState(initialQuota);

  const conversationId = useRef<string | null>(savedId ?? null);
  const busy = useRef(false);
  const abort = useRef<AbortController | null>(null);
  const restoredText = useRef<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  // Streamed text is applied once per animation frame, not once per delta.
  const pending = useRef<{ id: string; text: string } | null>(null);
  const frame = useRef<number | null>(null);

  const flush = useCallback(() => {
    if (frame.current !== null) {
      cancelAnimationFrame(frame.current);
      frame.current = null;
    }
    const chunk = pending.current;
    if (!chunk?.text) return;
    pending.current = null;
    setMessages((list) => list.map((m) => (m.id === chunk.id ? { ...m, content: m.content + chunk.text } : m)));
  }, []);

  const queueDelta = useCallback(
    (id: string, text: string) => {
      if (pending.current && pending.current.id === id) pending.current.text += text;
      else pending.current = { id, text };
      if (frame.current === null) {
        frame.current = requestAnimationFrame(() => {
          frame.current = null;
          flush();
        });
      }
    },
    [flush],
  );

  const patch = useCallback((id: string, change: Partial<ChatMessage>) => {
    setMessages((list) => list.map((m) => (m.id === id ? { ...m, ...change } : m)));
  }, []);

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

  const run = useCallback(
    async (body: { conversationId?: string; content?: string }, { assistantId, user }: RunOptions) => {
      busy.current = true;
      const controller = new AbortController();
      abort.current = controller;
      setStreaming(true);
      let started = false;
      let ended = false;

      const failBeforeStream = (message: string, savedConversation: string | undefined) => {
        if (savedConversation) {
          // The user's message was saved, and with it a failed answer: Retry answers it again.
          const isNew = conversationId.current === null;
          adopt(savedConversation, isNew && user ? titleFrom(user.content) : undefined);
          patch(assistantId, { status: "ERROR", error: message });
        } else if (user) {
          // Nothing was saved: the message stays, marked unsent; Retry sends it again.
          setMessages((list) =>
            list
              .filter((m) => m.id !== assistantId)
              .map((m) => (m.id === user.id ? { ...m, error: message, unsent: true } : m)),
          );
        } else {
          patch(assistantId, { status: "ERROR", error: message });
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
          adopt(event.conversationId, event.title);
          if (event.model) setModelLabel(event.model);
          if (restoredText.current !== null) {
            const sent = restoredText.current;
            restoredText.current = null;
            setInput((current) => (current === sent ? "" : current));
          }
        } else if (event.type === "delta") {
          if (event.text) queueDelta(assistantId, event.text);
        } else if (event.type === "end") {
          ended = true;
          setQuotaLeft(event.quotaLeft);
          flush();
          patch(assistantId, {
            status: event.status,
            error: event.status === "ERROR" ? (event.error ?? CUT_ERROR) : null,
          });
        }
      };

      try {
        const response = await fetch("/api/chat", {
          method: "POST",
          headers: { "Content-Type": "application/json", Accept: "application/x-ndjson" },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        if (response.status === 401) {
          window.location.assign("/sign-in");
          return;
        }
        if (!response.ok || !response.body) {
          const data = (await response.json().catch(() => null)) as { error?: string; conversationId?: string } | null;
          failBeforeStream(data?.error || `Something went wrong (HTTP ${response.status}).`, data?.conversationId);
          return;
        }
        await readEvents(response.body, onEvent);
        if (!ended) {
          flush();
          patch(assistantId, { status: "ERROR", error: CUT_ERROR });
        }
      } catch {
        flush();
        if (ended) return;
        if (controller.signal.aborted) patch(assistantId, { status: "STOPPED" });
        else if (!started) failBeforeStream(NETWORK_ERROR, undefined);
        else patch(assistantId, { status: "ERROR", error: CUT_ERROR });
      } finally {
        flush();
        if (abort.current === controller) abort.current = null;
        busy.current = false;
        setStreaming(false);
      }
    },
    [adopt, flush, patch, queueDelta],
  );

  const send = useCallback(
    (text: string) => {
      const content = text.trim();
      if (!content || busy.current) return;
      const user: ChatMessage = { id: localId("user"), role: "user", content, status: "COMPLETE", error: null };
      const assistant: ChatMessage = {
        id: localId("answer"),
        role: "assistant",
        content: "",
        status: "streaming",
        error: null,
      };
      stick.current = true;
      restoredText.current = null;
      setMessages((list) => [...list, user, assistant]);
      setInput("");
      void run(
        { conversationId: conversationId.current ?? undefined, content },
        { assistantId: assistant.id, user: { id: user.id, content } },
      );
    },
    [run],
  );

  // Read through a ref so the memoized messages keep a stable onRetry.
  const messagesRef = useRef(messages);
  useEffect(() => {
    messagesRef.current = messages;
  }, [messages]);

  const retry = useCallback(() => {
    if (busy.current) return;
    const list = messagesRef.current;
    const last = list[list.length - 1];
    if (!last) return;
    const assistant: ChatMessage = {
      id: localId("answer"),
      role: "assistant",
      content: "",
      status: "streaming",
      error: null,
    };
    stick.current = true;
    if (last.role === "assistant" && last.status === "ERROR" && conversationId.current) {
      // The failed answer is replaced by a new one over the saved history.
      setMessages((l) => [...l.filter((m) => m.id !== last.id), assistant]);
      void run({ conversationId: conversationId.current }, { assistantId: assistant.id });
    } else if (last.role === "user" && last.unsent) {
      setMessages((l) => [...l.map((m) => (m.id === last.id ? { ...m, error: null, unsent: false } : m)), assistant]);
      restoredText.current = last.content;
      void run(
        { conversationId: conversationId.current ?? undefined, content: last.content },
        { assistantId: assistant.id, user: { id: last.id, content: last.content } },
      );
    }
  }, [run]);

  const stop = useCallback(() => {
    const controller = abort.current;
    const id = conversationId.current;
    if (!controller) return;
    // Ask the server to stop: the stream then ends with exactly the text it saved. Cutting the
    // connection is the fallback (no answer started yet, or the server did not stop in time).
    const cut = () => controller.abort();
    if (!id) return cut();
    const fallback = window.setTimeout(cut, STOP_FALLBACK_MS);
    controller.signal.addEventListener("abort", () => window.clearTimeout(fallback));
    void fetch(`/api/conversations/${id}/stop`, { method: "POST" })
      .then(async (response) => {
        const result = (await response.json().catch(() => null)) as { stopped?: boolean } | null;
        if (!result?.stopped) cut();
      })
      .catch(cut);
  }, []);

  // Stop the stream and pending frame if the chat goes away (e.g. "New chat").
  useEffect(
    () => () => {
      abort.current?.abort();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );

  // Follow the answer while the reader is at the bottom; leave them alone once they scroll up.
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const near = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
    stick.current = near;
    setAtBottom(near);
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current && messages.length > 0) el.scrollTop = el.scrollHeight;
  }, [messages]);

  const scrollToBottom = () => {
    const el = scroller.current;
    if (!el) return;
    stick.current = true;
    el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
  };

  // Focus the composer on desktop (on phones it would pop the keyboard up).
  useEffect(() => {
    if (window.matchMedia("(min-width: 768px)").matches) inputRef.current?.focus();
  }, []);

  const visible = visibleMessages(messages);
  const lastId = visible[visible.length - 1]?.id;

  return (
    <div className="flex h-full min-h-0 flex-col">
      <ChatHeader model={modelLabel} offlineDemo={offlineDemo} quotaLeft={quotaLeft} />
      <div className="relative min-h-0 flex-1">
        <div ref={scroller} onScroll={onScroll} className="scroll-thin h-full overflow-y-auto">
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
              {visible.map((m) => (
                <Message key={m.id} message={m} canRetry={m.id === lastId && !streaming} onRetry={retry} />
              ))}
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
        onSend={() => send(input)}
        onStop={stop}
        streaming={streaming}
        inputRef={inputRef}
      />
    </div>
  );
}

/**
 * What the log shows: no system messages, and no failed empty answer that a later answer (a
 * Retry) has replaced.
 */
function visibleMessages(messages: ChatMessage[]): ChatMessage[] {
  return messages.filter((m, i) => {
    if (m.role === "system") return false;
    if (m.role === "assistant" && m.status === "ERROR") {
      const next = messages[i + 1];
      if (next?.role === "assistant") return false;
    }
    return true;
  });
}

/** A provisional sidebar title until the server's own shows up. */
function titleFrom(content: string): string {
  const line = content.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || "New chat";
}
