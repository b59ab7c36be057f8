import { pino } from "pino";

/**
 * The centre's log: one JSON object per line on stdout (`npm start | npx pino-pretty` to read
 * it by eye). Anything that came from outside — a device, a request — goes into a field, never
 * into `msg`: JSON escapes every newline and control character, so no input can start a line of
 * its own. Level from OUTPOST_LOG_LEVEL (default info). Never log secrets.
 */
export const log = pino({
  level: process.env.OUTPOST_LOG_LEVEL || "info",
  base: { app: "outpost-centre" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});
