import { crc32 } from "./crc32";

// One line on disk: 8 lower-case hex digits of the CRC-32 of the JSON bytes, a space, the JSON,
// "\n". JSON.stringify escapes every newline inside strings, so "\n" only ever ends a line.
const CRC_HEX_LENGTH = 8;
const NEWLINE = 0x0a;
const SPACE = 0x20;

/** Frames a JSON text as one checksummed line, newline included. */
export function frameLine(json: string): Buffer {
  const body = Buffer.from(json, "utf8");
  const line = Buffer.allocUnsafe(CRC_HEX_LENGTH + 1 + body.length + 1);
  line.write(crc32(body).toString(16).padStart(CRC_HEX_LENGTH, "0"), 0, "latin1");
  line[CRC_HEX_LENGTH] = SPACE;
  body.copy(line, CRC_HEX_LENGTH + 1);
  line[line.length - 1] = NEWLINE;
  return line;
}

/**
 * The parsed JSON of one line (without its "\n"), or null when the line is malformed or fails
 * its checksum — a torn write, stale blocks after a power cut, or a flipped bit all look alike.
 */
export function unframeLine(line: Uint8Array): unknown {
  if (line.length < CRC_HEX_LENGTH + 2 || line[CRC_HEX_LENGTH] !== SPACE) return null;
  const hex = Buffer.from(line.buffer, line.byteOffset, CRC_HEX_LENGTH).toString("latin1");
  if (!/^[0-9a-f]{8}$/.test(hex)) return null;
  const body = line.subarray(CRC_HEX_LENGTH + 1);
  if (crc32(body) !== Number.parseInt(hex, 16)) return null;
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.length).toString("utf8"));
  } catch {
    return null;
  }
}
