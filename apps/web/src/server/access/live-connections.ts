import type { Role } from "@outpost/cluster-core";
import type { Access } from "./access";

/**
 * Something a user holds open after authenticating once: a /ui socket, a kube API stream (a
 * watch, `logs -f`), an upgraded exec/attach/port-forward connection. Revoking the credential,
 * the user or a grant must end it at once, not when it next authenticates, which it never does.
 */
export interface LiveConnection {
  userId: string;
  /** The session or token it was opened with (Authenticated.credentialKey). */
  credentialKey: string;
  /** The auth cache epoch it authenticated in (Authenticated.epoch). */
  epoch: number;
  /** For kube API streams: the cluster reached, and the role the caller had there when it opened. */
  cluster?: { id: string; role: Role };
  /** Ends it; `reason` goes to the other side where its protocol can carry one. */
  close(reason: string): void;
  /** /ui sockets filter live events by their caller's grants: told the fresh ones here. */
  accessUpdated?(access: Access): void;
}

export interface LiveConnections {
  /** Files a connection; call the returned function when it ends. */
  add(conn: LiveConnection): () => void;
  list(): LiveConnection[];
  size(): number;
}

export function createLiveConnections(): LiveConnections {
  const open = new Set<LiveConnection>();
  return {
    add(conn) {
      open.add(conn);
      return () => void open.delete(conn);
    },
    list: () => [...open],
    size: () => open.size,
  };
}
