const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Puts focus where a dialog's work starts: its first form field, else the first button of its
 * body (for a confirmation that is Cancel, the safe choice) — never the close button in its header.
 */
export function focusFirstField(body: HTMLElement | null): void {
  if (!body) return;
  const target = body.querySelector<HTMLElement>(FIELDS) ?? body.querySelector<HTMLElement>("button:not([disabled]), a[href]");
  target?.focus();
}
