"use client";

import { useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ZRevokeAgentCredentialRequest, type AgentCredentialView } from "@outpost/cluster-core";
import { apiFetch } from "../api-fetch";
import { queryKeys } from "../query-keys";
import { Button } from "../ui/button";
import { ErrorAlert } from "../ui/error-alert";
import { FormField } from "../ui/form-field";
import { inputClasses } from "../ui/input-classes";
import { RelativeTime } from "../ui/relative-time";

/**
 * The agent's credential (never the secret): when it was issued and last used, when it rotates
 * next; "Rotate now" while the agent is connected, and "Revoke" for a lost or stolen device,
 * which cuts the agent off at once and tells it why.
 */
export function AgentCredentialPanel({ id, name, connected }: { id: string; name: string; connected: boolean }) {
  const queryClient = useQueryClient();
  const key = queryKeys.clusters.agentCredential(id);
  const path = `/api/v1/clusters/${encodeURIComponent(id)}/agent-credential`;
  const view = useQuery({ queryKey: key, queryFn: ({ signal }) => apiFetch<AgentCredentialView>(path, { signal }) });
  const [revoking, setRevoking] = useState(false);
  const [reasonError, setReasonError] = useState<string>();
  const done = (next: AgentCredentialView) => {
    queryClient.setQueryData(key, next);
    setRevoking(false);
  };
  const rotate = useMutation({ mutationFn: () => apiFetch<AgentCredentialView>(`${path}/rotate`, { method: "POST" }), onSuccess: done });
  const revoke = useMutation({ mutationFn: (body: unknown) => apiFetch<AgentCredentialView>(`${path}/revoke`, { method: "POST", body }), onSuccess: done });

  function onRevoke(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (String(form.get("confirm") ?? "").trim() !== name) return setReasonError(`type ${name} to confirm`);
    const parsed = ZRevokeAgentCredentialRequest.safeParse({ reason: String(form.get("reason") ?? "") });
    setReasonError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    if (parsed.success) revoke.mutate(parsed.data);
  }

  if (view.isPending) return <p className="text-sm text-slate-500">Loading the agent credential…</p>;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const c = view.data;
  return (
    <div className="space-y-4 text-sm text-slate-700">
      {c.revoked ? (
        <p>
          Revoked <RelativeTime iso={c.revoked.at} />: {c.revoked.reason}. The agent cannot connect; to bring the device back, delete this cluster and add it again.
        </p>
      ) : c.current ? (
        <p>
          Issued <RelativeTime iso={c.current.createdAt} />, last used {c.current.lastUsedAt ? <RelativeTime iso={c.current.lastUsedAt} /> : "never"}; rotated
          automatically after <RelativeTime iso={c.current.rotateAfter} />.{c.rotationPending && " A rotation waits for the agent to confirm it saved the new credential."}
        </p>
      ) : (
        <p>No credential yet.</p>
      )}
      <ErrorAlert error={rotate.error ?? revoke.error} />
      {c.current && !revoking && (
        <div className="flex gap-2">
          <Button onClick={() => rotate.mutate()} disabled={!connected || rotate.isPending} title={connected ? undefined : "Only a connected agent can take a new credential"}>
            {rotate.isPending ? "Rotating…" : "Rotate now"}
          </Button>
          <Button variant="danger" onClick={() => setRevoking(true)}>
            Revoke…
          </Button>
        </div>
      )}
      {revoking && (
        <form onSubmit={onRevoke} noValidate className="space-y-3 rounded-md border border-red-200 bg-red-50/50 p-3">
          <p>The agent is disconnected at once, told why, and can never connect with this credential again. The cluster and its history stay.</p>
          <FormField id="revoke-reason" label="Why (the agent is told)" error={reasonError}>
            <input id="revoke-reason" name="reason" autoFocus autoComplete="off" className={inputClasses(!!reasonError)} placeholder="device stolen from the shop" />
          </FormField>
          <FormField id="revoke-confirm" label={`Type ${name} to confirm`}>
            <input id="revoke-confirm" name="confirm" autoComplete="off" spellCheck={false} className={`${inputClasses()} font-mono`} />
          </FormField>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setRevoking(false)}>Cancel</Button>
            <Button type="submit" variant="danger" disabled={revoke.isPending}>
              {revoke.isPending ? "Revoking…" : "Revoke credential"}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
