"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "../api-fetch";
import { Button } from "../ui/button";

/** Ends the session, forgets cached data and goes to the sign-in page. */
export function SignOutButton() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      size="sm"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        try {
          await apiFetch("/api/v1/auth/logout", { method: "POST", body: {} });
        } catch {
          // Signed out already, or the centre is unreachable: leaving the page is right either way.
        }
        queryClient.clear();
        router.replace("/login");
        router.refresh();
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
