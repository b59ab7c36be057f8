import { createTransport, type Transporter } from "nodemailer";
import type { AlertChannelKind, AlertNotice } from "@outpost/cluster-core";
import { describeAlertNotice } from "./describe-alert-notice";

export interface ChannelTarget {
  kind: AlertChannelKind;
  /** The URL (webhook, slack) or the recipients (email), in the clear. */
  target: string;
}

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
}

const TIMEOUT_MS = 10_000;
const transports = new Map<string, Transporter>();

/**
 * Sends one notice to one channel; throws with a sentence saying what went wrong. Webhooks get
 * the notice as JSON (with the delivery id, so a receiver can drop a repeat after a crash);
 * Slack-compatible webhooks get `{text}`; e-mail goes through the configured SMTP server.
 */
export async function sendAlertNotice(channel: ChannelTarget, notice: AlertNotice, mail: MailSettings): Promise<void> {
  const { title, text } = describeAlertNotice(notice);
  if (channel.kind === "email") {
    if (!mail.smtpUrl) throw new Error("e-mail is not set up on this centre: set OUTPOST_SMTP_URL (and OUTPOST_SMTP_FROM)");
    let transport = transports.get(mail.smtpUrl);
    if (!transport) {
      transport = createTransport(mail.smtpUrl, { connectionTimeout: TIMEOUT_MS, greetingTimeout: TIMEOUT_MS, socketTimeout: TIMEOUT_MS });
      transports.set(mail.smtpUrl, transport);
    }
    await transport.sendMail({ from: mail.from, to: channel.target, subject: `[Outpost] ${title}`, text, headers: { "X-Outpost-Delivery": notice.deliveryId } });
    return;
  }
  const mark = notice.event === "firing" ? ":red_circle:" : notice.event === "resolved" ? ":large_green_circle:" : ":white_circle:";
  const body = channel.kind === "slack" ? { text: `${mark} *${title}*\n${text}` } : notice;
  let res: Response;
  try {
    res = await fetch(channel.target, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Outpost-Alerts/1", "x-outpost-event": notice.event, "x-outpost-delivery": notice.deliveryId },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: "error",
    });
  } catch (err) {
    const reason = err instanceof Error && err.name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    throw new Error(`the webhook could not be reached: ${reason}`);
  }
  await res.body?.cancel();
  if (!res.ok) throw new Error(`the webhook answered HTTP ${res.status}`);
}
