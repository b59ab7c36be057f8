import type { Socket } from "socket.io";
import { findJsonProblem, MAX_JSON_DEPTH } from "@outpost/cluster-core";

/**
 * The value check for socket messages, before any handler or schema sees them: a message with
 * NUL, an unpaired surrogate or nesting past MAX_JSON_DEPTH is answered with an error (when it
 * asks for an answer) and dropped; `onRefused` hears of it (a tunnel stream must not wait forever).
 */
export function refuseMalformedPackets(socket: Socket, onRefused?: (event: string, payload: unknown) => void): void {
  socket.use((packet, next) => {
    const args = packet.slice(1);
    const ack = args[args.length - 1];
    // The packet itself is one level: its arguments may nest as deep as any other value.
    const problem = findJsonProblem(typeof ack === "function" ? args.slice(0, -1) : args, MAX_JSON_DEPTH + 1);
    if (!problem) return next();
    if (typeof ack === "function") ack({ ok: false, error: `invalid message: ${problem.message}` });
    onRefused?.(String(packet[0]), args[0]);
  });
}
