import type { NextRequest } from "next/server";
import type { z } from "zod";
import { findJsonProblem } from "@outpost/cluster-core";
import { AppError } from "../errors/app-error";
import { parseOrThrow } from "../errors/parse-or-throw";

/** What a route takes unless it says otherwise. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const describeSize = (bytes: number) => (bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`);

/**
 * Reads a JSON body and checks it: media type, size in bytes (a declared length is refused before
 * anything is read; an undeclared one is counted while it streams in and cut at the limit), UTF-8,
 * JSON syntax, values (no NUL, unpaired surrogates or over-deep nesting) and finally the schema.
 */
export async function readJsonBody<S extends z.ZodType>(req: NextRequest, schema: S, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.infer<S>> {
  // The media type itself, parameters (charset) aside: "application/jsonx" is not JSON.
  if (req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "send the body as JSON (Content-Type: application/json)");
  }
  const bytes = await readBodyBytes(req, maxBytes);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new AppError("INVALID_INPUT", "the body is not valid UTF-8");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "the body is not valid JSON");
  }
  const problem = findJsonProblem(json);
  if (problem) throw new AppError("INVALID_INPUT", `invalid request body: ${problem.path ? `${problem.path}: ` : ""}${problem.message}`, [problem]);
  return parseOrThrow(schema, json, "request body");
}

async function readBodyBytes(req: NextRequest, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `the body is larger than ${describeSize(maxBytes)}`);
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      // The caller went away or broke the framing: nothing to answer, nothing to log as ours.
      throw new AppError("BAD_REQUEST", "the request body ended before it was complete");
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks);
}
