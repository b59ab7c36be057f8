import { createContext } from "react";
import type { Socket } from "socket.io-client";
import type { ServerToUiEvents, UiToServerEvents } from "@outpost/cluster-core";

/** State of the /ui socket: "connecting" before the first connect, "reconnecting" after a drop. */
export type LiveStatus = "connecting" | "live" | "reconnecting";

export const LiveStatusContext = createContext<LiveStatus>("connecting");

export type UiSocket = Socket<ServerToUiEvents, UiToServerEvents>;

/** The one /ui socket, for views that ask for more than the broadcast updates (a job's live log). */
export const LiveSocketContext = createContext<UiSocket | null>(null);
