"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { JUMP_EVENT, messageAnchor } from "./jump";

/** How long to wait for the message to appear: the chat it is in may still be loading. */
const WAIT_MS = 10_000;
const HIGHLIGHT: Keyframe[] = [
  { boxShadow: "0 0 0 3px rgb(251 191 36 / 0.9)", backgroundColor: "rgb(254 243 199 / 0.7)" },
  { boxShadow: "0 0 0 3px rgb(251 191 36 / 0)", backgroundColor: "rgb(254 243 199 / 0)" },
];

/**
 * Scrolls to the message named by `#m-<id>` and flashes it: for a URL that has one (a reload,
 * a shared link, Back) and for each search result clicked (requestJump). Renders nothing; lives
 * in the sidebar, so it outlasts the navigation to the chat.
 */
export function JumpToMessage() {
  const pathname = usePathname();
  const cancel = useRef<(() => void) | null>(null);

  useEffect(() => {
    const jump = (messageId: string) => {
      cancel.current?.();
      cancel.current = jumpWhenPresent(messageId);
    };
    const id = /^#m-(.+)$/.exec(window.location.hash)?.[1];
    if (id && pathname.startsWith("/c/")) jump(decodeURIComponent(id));
    const onJump = (event: Event) => jump((event as CustomEvent<string>).detail);
    window.addEventListener(JUMP_EVENT, onJump);
    return () => window.removeEventListener(JUMP_EVENT, onJump);
  }, [pathname]);

  useEffect(() => () => cancel.current?.(), []);

  return null;
}

/** After the jump, the chat may still settle (its first scroll to the latest message comes late). */
const SETTLE_MS = 1_500;

function jumpWhenPresent(messageId: string): () => void {
  const deadline = performance.now() + WAIT_MS;
  let jumpedAt = 0;
  let holding = true;
  let frame = 0;
  // The reader scrolling, clicking or typing ends the holding at once.
  const stop = () => {
    holding = false;
  };
  const inputs = ["wheel", "touchstart", "keydown", "pointerdown"] as const;
  for (const type of inputs) window.addEventListener(type, stop, { passive: true });
  const cleanUp = () => {
    cancelAnimationFrame(frame);
    for (const type of inputs) window.removeEventListener(type, stop);
  };

  const attempt = () => {
    const now = performance.now();
    const element = document.getElementById(messageAnchor(messageId));
    if (!element) {
      if (now > deadline || jumpedAt) return cleanUp();
    } else if (!jumpedAt) {
      element.scrollIntoView({ block: "center" });
      element.setAttribute("data-jumped", "true");
      element.animate(HIGHLIGHT, { duration: 2_400, easing: "ease-out" });
      jumpedAt = now;
    } else if (holding && now - jumpedAt < SETTLE_MS) {
      // Moved away by the chat's own scrolling: back to it.
      const rect = element.getBoundingClientRect();
      if (rect.bottom < 0 || rect.top > window.innerHeight) element.scrollIntoView({ block: "center" });
    } else {
      return cleanUp();
    }
    frame = requestAnimationFrame(attempt);
  };
  frame = requestAnimationFrame(attempt);
  return cleanUp;
}
