/** Whether `err` is a Node system error with this code (ENOENT, EEXIST, ...). */
export function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === code;
}
