/**
 * Jump-to-message: `/c/<id>#m-<messageId>` opens a chat scrolled to that message, highlighted.
 * Message elements carry `id="m-<messageId>"` (components/chat/message.tsx).
 */

export const JUMP_EVENT = "spj:jump-to-message";

export const messageAnchor = (messageId: string) => `m-${messageId}`;

/**
 * Asks for the jump when a link to a message is followed: the chat may already be open (then
 * only the hash changes, which no event reports), or about to load.
 */
export function requestJump(messageId: string): void {
  window.dispatchEvent(new CustomEvent(JUMP_EVENT, { detail: messageId }));
}
