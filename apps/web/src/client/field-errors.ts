/** An issue from a zod safeParse on the client or from a 422 body of the server. */
interface IssueLike {
  path: string | readonly PropertyKey[];
  message: string;
}

/** The first message per top-level field (`""` for the form as a whole), for showing beside inputs. */
export function fieldErrors(issues: readonly IssueLike[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = typeof issue.path === "string" ? (issue.path.split(".")[0] ?? "") : String(issue.path[0] ?? "");
    out[field] ??= issue.message;
  }
  return out;
}
