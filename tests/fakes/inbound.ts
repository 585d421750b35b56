import type { InboundMessage } from "../../src/domain/message.ts";

/**
 * Builds what a push channel (Telegram, say) hands the engine for one student's text messages:
 * `const from = createInboundFactory({ user: "tg-user-1", chat: "tg-chat-1", address: { chatId: 1 } }); from("m1", "你好")`.
 */
export function createInboundFactory(student: { user: string; chat: string; address: InboundMessage["address"] }) {
  return (channelMessageId: string, text: string): InboundMessage => ({
    channel: "test",
    platformUserId: student.user as InboundMessage["platformUserId"],
    platformChatId: student.chat,
    channelMessageId,
    address: student.address,
    content: { kind: "text", text },
  });
}
