"use client";

import { useEffect, useId, useRef, type ReactNode } from "react";
import { focusFirstField } from "./focus-first-field";
import { submitFromTextArea } from "./submit-from-text-area";

interface ModalDialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children: ReactNode;
  /** Wider for dialogs that show commands. */
  wide?: boolean;
}

/**
 * A modal on the native <dialog> element: focus trap, Escape and role="dialog" come from the
 * browser. It opens with focus on its first field (not the close button) and gives focus back
 * to what opened it when it closes — or to the page's main region if that is gone. The body is
 * only rendered while open, so forms start empty each time.
 */
export function ModalDialog({ open, onClose, title, description, children, wide = false }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      focusFirstField(body.current);
    }
    if (!open && opener.current) {
      if (dialog.open) dialog.close();
      const back = opener.current.isConnected ? opener.current : document.getElementById("main");
      opener.current = null;
      back?.focus();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // Escape closes through state. The browser may close the dialog itself anyway and fire
      // "close" a task later: by then an Enter on the opener may have shown the dialog again, and
      // that late event must not close it (the check on the element, not on `open`).
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClose={() => {
        if (open && !ref.current?.open) onClose();
      }}
      onKeyDown={submitFromTextArea}
      className={`m-auto max-h-[calc(100dvh-2rem)] w-[calc(100%-1.5rem)] overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-2xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40 backdrop:backdrop-blur-[1px] ${wide ? "max-w-2xl" : "max-w-lg"}`}
    >
      {open && (
        <div className="p-4 sm:p-6">
          <div className="mb-4 flex items-start justify-between gap-4">
            <div className="min-w-0">
              <h2 id={titleId} className="text-lg font-semibold [overflow-wrap:anywhere] text-slate-900">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="mt-1 text-sm text-slate-600">
                  {description}
                </p>
              )}
            </div>
            <button type="button" onClick={onClose} aria-label="Close" className="-m-1 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-500">
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="currentColor">
                <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 0 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
              </svg>
            </button>
          </div>
          <div ref={body}>{children}</div>
        </div>
      )}
    </dialog>
  );
}
