import type { AlertChannelKind } from "@outpost/cluster-core";
import type { SecretBox } from "../secrets/secret-box";
import type { ChannelTarget } from "./send-alert-notice";

/** Webhook URLs carry their own secret (Slack's do), so they are sealed at rest; e-mail recipients are not. */
export function channelUrlPurpose(channelId: string): string {
  return `alert-channel:${channelId}:url`;
}

/** A stored channel's destination in the clear, for sending. */
export function openChannelTarget(secrets: SecretBox, channel: { id: string; kind: string; target: string }): ChannelTarget {
  const kind = channel.kind as AlertChannelKind;
  if (kind === "email") return { kind, target: channel.target };
  return { kind: kind === "slack" ? "slack" : "webhook", target: secrets.open(channel.target, channelUrlPurpose(channel.id)).toString("utf8") };
}
