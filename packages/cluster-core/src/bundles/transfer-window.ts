import { z } from "zod";

/** "22:00-06:00": daily, in the site's time zone; may wrap past midnight. */
export const ZTransferWindow = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, "a transfer window looks like 22:00-06:00 (24-hour, site time)")
  .refine((w) => w.slice(0, 5) !== w.slice(6), "a window's start and end differ (leave it empty for 'always')");

/** A site's limits on bundle transfers: bytes per second across its clusters, and when they may run. */
export const ZSiteTransferPolicy = z.object({
  bandwidthCapBytesPerSec: z.number().int().min(1024, "a cap is at least 1024 bytes/s").max(10 * 1024 ** 3).nullable(),
  transferWindow: ZTransferWindow.nullable(),
});
export type SiteTransferPolicy = z.infer<typeof ZSiteTransferPolicy>;
