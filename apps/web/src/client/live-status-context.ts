import { createContext } from "react";

/** State of the /ui socket: "connecting" before the first connect, "reconnecting" after a drop. */
export type LiveStatus = "connecting" | "live" | "reconnecting";

export const LiveStatusContext = createContext<LiveStatus>("connecting");
