const MAX_CHARS = 4000;

/**
 * Text from devices (command output, error messages) made safe to keep and show: terminal escape
 * sequences and other control characters removed (tabs and newlines stay), length bounded.
 */
export function sanitizeLogText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f]/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  return clean.length > MAX_CHARS ? `${clean.slice(0, MAX_CHARS)}… (${clean.length - MAX_CHARS} more characters)` : clean;
}
