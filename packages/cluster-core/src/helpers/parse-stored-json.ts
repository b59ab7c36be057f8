import type { z } from "zod";

/**
 * Reads a JSON text column (labels, roles, snapshot) through its schema. A stored value that no
 * longer parses falls back rather than breaking every page that lists the row.
 */
export function parseStoredJson<T extends z.ZodType>(schema: T, text: string | null | undefined, fallback: z.infer<T>): z.infer<T> {
  if (!text) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}
