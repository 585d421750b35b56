import { z } from "zod";

/** The channels students reach us on. `test` is the push channel the test suite stands in for Telegram with. */
export const channelNames = ["webchat", "telegram", "wechat", "test"] as const;
export const channelNameSchema = z.enum(channelNames);
export type ChannelName = z.infer<typeof channelNameSchema>;

/**
 * Where a reply goes on a channel (a Telegram chat id, a web chat session id): opaque to the engine,
 * stored sealed, and read only by that channel's adapter.
 */
export const channelAddressSchema = z.record(z.string(), z.union([z.string(), z.number()]));
export type ChannelAddress = z.infer<typeof channelAddressSchema>;
