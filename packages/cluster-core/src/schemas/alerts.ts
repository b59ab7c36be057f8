import { z } from "zod";
import { ZId } from "./common";
import { LABEL_SELECTOR_MAX_LENGTH, LabelSelectorError, parseLabelSelector } from "../helpers/label-selector";

// ---- alert rules ---------------------------------------------------------------------------
export const ALERT_CONDITIONS = {
  "cluster-offline": "Cluster offline",
  "link-degraded": "Link degraded",
  "node-not-ready": "Node NotReady",
  "workload-unhealthy": "Workload unhealthy",
  "desired-failing": "Desired state failing",
} as const;
export type AlertCondition = keyof typeof ALERT_CONDITIONS;
export const ZAlertCondition = z.enum(Object.keys(ALERT_CONDITIONS) as [AlertCondition, ...AlertCondition[]]);

/** At most 7 days: longer waits are not an alert any more. */
export const MAX_ALERT_DELAY_SECONDS = 7 * 24 * 3600;

const ZSelectorText = z
  .string()
  .trim()
  .min(1, "a label selector is required for this scope")
  .max(LABEL_SELECTOR_MAX_LENGTH)
  .superRefine((text, ctx) => {
    try {
      parseLabelSelector(text);
    } catch (err) {
      if (err instanceof LabelSelectorError) ctx.addIssue({ code: "custom", message: err.message });
      else throw err;
    }
  });

export const ZAlertScope = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("all") }),
  z.object({ kind: z.literal("site"), siteId: ZId }),
  z.object({ kind: z.literal("selector"), selector: ZSelectorText }),
]);
export type AlertScope = z.infer<typeof ZAlertScope>;

export const ZCreateAlertRuleRequest = z.object({
  name: z.string().trim().min(1, "a name is required").max(100, "names are at most 100 characters"),
  condition: ZAlertCondition,
  /** How long the condition must hold before the alert fires. */
  forSeconds: z.number().int().min(0).max(MAX_ALERT_DELAY_SECONDS, "wait at most 7 days"),
  scope: ZAlertScope,
  channelIds: z.array(ZId).min(1, "pick at least one channel").max(20),
  enabled: z.boolean().default(true),
});
export type CreateAlertRuleRequest = z.input<typeof ZCreateAlertRuleRequest>;
export const ZUpdateAlertRuleRequest = ZCreateAlertRuleRequest.partial().refine((b) => Object.keys(b).length > 0, "nothing to change");

export interface AlertRuleView {
  id: string;
  name: string;
  condition: AlertCondition;
  forSeconds: number;
  scope: AlertScope;
  /** The site's name for a site scope; null when that site no longer exists. */
  scopeSiteName: string | null;
  channelIds: string[];
  enabled: boolean;
  /** Alerts of this rule firing now. */
  firing: number;
  createdAt: string;
}

// ---- channels ------------------------------------------------------------------------------
export const ALERT_CHANNEL_KINDS = { webhook: "Webhook (JSON)", slack: "Slack-compatible webhook", email: "E-mail" } as const;
export type AlertChannelKind = keyof typeof ALERT_CHANNEL_KINDS;

const ZWebhookUrl = z
  .string()
  .trim()
  .max(2000)
  .url("a URL such as https://hooks.example.com/…")
  .refine((u) => /^https?:\/\//i.test(u), "the URL must start with http:// or https://");
const ZEmailList = z
  .string()
  .trim()
  .min(1, "at least one address")
  .max(2000)
  .transform((s) => s.split(/[,;\s]+/).filter(Boolean))
  .pipe(z.array(z.email("not an e-mail address")).min(1, "at least one address").max(20, "at most 20 addresses"));

export const ZCreateAlertChannelRequest = z.discriminatedUnion("kind", [
  z.object({ name: z.string().trim().min(1, "a name is required").max(100), kind: z.literal("webhook"), url: ZWebhookUrl }),
  z.object({ name: z.string().trim().min(1, "a name is required").max(100), kind: z.literal("slack"), url: ZWebhookUrl }),
  z.object({ name: z.string().trim().min(1, "a name is required").max(100), kind: z.literal("email"), to: ZEmailList }),
]);
export type CreateAlertChannelRequest = z.input<typeof ZCreateAlertChannelRequest>;

export interface AlertChannelView {
  id: string;
  name: string;
  kind: AlertChannelKind;
  /** Where it goes, without secrets: the URL's host only, or the e-mail addresses. */
  target: string;
  /** The newest failed attempt, unless a later delivery succeeded; `givenUp` once retries ran out. */
  lastFailure: { at: string; error: string; givenUp: boolean } | null;
  createdAt: string;
}

export interface ChannelTestResult {
  ok: boolean;
  message: string;
}

// ---- alerts and notifications --------------------------------------------------------------
export type AlertState = "pending" | "firing" | "resolved";

export interface AlertView {
  id: string;
  ruleId: string;
  ruleName: string;
  condition: AlertCondition;
  clusterId: string;
  clusterName: string;
  siteName: string;
  subject: string;
  state: AlertState;
  message: string;
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
}

export interface NotificationView {
  id: string;
  at: string;
  event: "firing" | "resolved";
  title: string;
  body: string;
  clusterId: string | null;
  unread: boolean;
}

export interface NotificationPage {
  items: NotificationView[];
  unread: number;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: string | null;
}

/** What a generic JSON webhook receives, and what the Slack and e-mail texts say in words. */
export interface AlertNotice {
  version: 1;
  event: "firing" | "resolved" | "test";
  deliveryId: string;
  at: string;
  alert: {
    id: string;
    rule: { id: string; name: string; condition: AlertCondition };
    subject: string;
    message: string;
    since: string;
    firedAt: string | null;
    resolvedAt: string | null;
  };
  cluster: { id: string; name: string; site: string; labels: Record<string, string>; url: string | null };
}
