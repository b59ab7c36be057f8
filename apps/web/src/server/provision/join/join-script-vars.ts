import type { Config } from "../../config";
import { centreCurlTrust } from "./centre-curl-trust";

/** Variables every script served to devices starts with: where the centre is and how to trust it. */
export function joinScriptVars(config: Config, centreUrl: string): Record<string, string> {
  return { OUTPOST_CENTRE: centreUrl, OUTPOST_CURL_TRUST: centreCurlTrust(config, centreUrl).options.join(" ") };
}
