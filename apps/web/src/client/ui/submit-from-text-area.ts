import type { KeyboardEvent } from "react";

/**
 * Ctrl+Enter (⌘+Enter on a Mac) in a text area submits its form, as in GitHub's and GitLab's
 * comment boxes: Enter alone starts a new line there, so a keyboard user needs another way.
 */
export function submitFromTextArea(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey)) return;
  const target = e.target;
  if (!(target instanceof HTMLTextAreaElement) || !target.form) return;
  e.preventDefault();
  target.form.requestSubmit();
}
