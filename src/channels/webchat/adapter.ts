import type { ChannelPort } from "../../engine/ports.ts";

/**
 * The web chat needs no push: a reply is in the history the moment it is committed, and open pages
 * receive it on their event stream then. Delivery therefore always succeeds.
 */
export function createWebChatChannel(): ChannelPort {
  return { name: "webchat", send: async () => ({ kind: "sent" }) };
}
