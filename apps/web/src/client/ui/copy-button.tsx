"use client";

import { useEffect, useState } from "react";
import { Button } from "./button";
import { copyToClipboard } from "./copy-to-clipboard";

/** Copies `text`, then says "Copied" for two seconds (announced to screen readers). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <Button size="sm" onClick={async () => setState((await copyToClipboard(text)) ? "copied" : "failed")} aria-live="polite">
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy by hand" : label}
    </Button>
  );
}
