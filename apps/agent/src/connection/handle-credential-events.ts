import { ZAgentRevoked, ZCredentialRotate } from "@outpost/cluster-core";
import type { CredentialHolder } from "../credentials/credential-holder";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import type { AgentSocket } from "./agent-session";

/**
 * The centre's word on this agent's credential: a rotation is saved to disk before it is
 * acknowledged (the centre revokes the old credential only after the acknowledgement, so the
 * device is never without a valid one); a revocation ends the run with the centre's reason.
 */
export function handleCredentialEvents(socket: AgentSocket, credentials: CredentialHolder, log: Logger, onRevoked: (reason: string) => void): void {
  socket.on("credential:rotate", (raw, ack) => {
    const reply = typeof ack === "function" ? ack : () => {};
    const msg = ZCredentialRotate.safeParse(raw);
    if (!msg.success) return reply({ ok: false, error: "invalid credential:rotate" });
    credentials.replace(msg.data.credential).then(
      () => {
        log.info("credential rotated by the centre; the new one is saved");
        reply({ ok: true, receivedAt: Date.now() });
      },
      (err: unknown) => {
        log.error(`cannot save the rotated credential, keeping the old one: ${describeError(err)}`);
        reply({ ok: false, error: "the agent could not save the new credential" });
      },
    );
  });
  socket.on("agent:revoked", (raw, ack) => {
    if (typeof ack === "function") ack({ ok: true, receivedAt: Date.now() });
    const msg = ZAgentRevoked.safeParse(raw);
    onRevoked(msg.success ? msg.data.reason : "the centre revoked this agent's credential");
  });
}
