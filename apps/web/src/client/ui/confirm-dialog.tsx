"use client";

import { useId, useState, type ReactNode } from "react";
import { Button } from "./button";
import { ErrorAlert } from "./error-alert";
import { inputClasses } from "./input-classes";
import { ModalDialog } from "./modal-dialog";

interface ConfirmDialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  pending?: boolean;
  error?: unknown;
  /** When set, the user must type this text (e.g. the cluster's name) before confirming. */
  typeToConfirm?: string;
  danger?: boolean;
  /** Keeps the confirm button off until the dialog's own fields are complete (e.g. a choice). */
  confirmDisabled?: boolean;
}

/** "Are you sure?" for destructive actions, optionally asking to type the object's name. */
export function ConfirmDialog({ open, onClose, title, children, confirmLabel, onConfirm, pending = false, error, typeToConfirm, danger = true, confirmDisabled = false }: ConfirmDialogProps) {
  return (
    <ModalDialog open={open} onClose={onClose} title={title}>
      <ConfirmBody {...{ onClose, children, confirmLabel, onConfirm, pending, error, typeToConfirm, danger, confirmDisabled }} />
    </ModalDialog>
  );
}

function ConfirmBody({ onClose, children, confirmLabel, onConfirm, pending, error, typeToConfirm, danger, confirmDisabled }: Omit<ConfirmDialogProps, "open" | "title">) {
  const [typed, setTyped] = useState("");
  const inputId = useId();
  const ready = !confirmDisabled && (!typeToConfirm || typed.trim() === typeToConfirm);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (ready && !pending) onConfirm();
      }}
      className="space-y-4"
    >
      <div className="text-sm text-slate-700">{children}</div>
      {typeToConfirm && (
        <div className="space-y-1">
          <label htmlFor={inputId} className="block text-sm text-slate-700">
            Type <span className="font-mono font-semibold text-slate-900">{typeToConfirm}</span> to confirm
          </label>
          <input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} className={inputClasses()} autoFocus />
        </div>
      )}
      <ErrorAlert error={error} />
      <div className="flex justify-end gap-2 pt-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant={danger ? "danger" : "primary"} disabled={!ready || pending}>
          {pending ? "Working…" : confirmLabel}
        </Button>
      </div>
    </form>
  );
}
