import type { StoredMessage } from "../domain/message.ts";

export type MessageEvent = { studentId: string; conversationId: string; message: StoredMessage };
export type MessageListener = (event: MessageEvent) => void;

/**
 * Tells live listeners (the web chat stream now, the staff console later) that a message was stored.
 * In-process only: a listener that misses an event catches up from the stored history.
 */
export type MessageEvents = {
  emit(event: MessageEvent): void;
  subscribe(listener: MessageListener): () => void;
};

export function createMessageEvents(): MessageEvents {
  const listeners = new Set<MessageListener>();
  return {
    emit(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch {
          // A broken listener must not stop the others or the pipeline.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
