import type { z } from "zod";
import { AppError } from "./app-error";

/** Parses untrusted input; failure becomes INVALID_INPUT listing each field's problem. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  throw new AppError("INVALID_INPUT", `invalid ${what}: ${first ? `${first.path ? `${first.path}: ` : ""}${first.message}` : "rejected"}`, issues);
}
