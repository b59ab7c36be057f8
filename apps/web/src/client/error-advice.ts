import { ApiError } from "./api-error";

/** What the user can do about a failed request, in a sentence; empty when the message says it all. */
export function errorAdvice(error: unknown): string {
  if (!(error instanceof ApiError)) return "";
  if (error.status === 0) return "Check your network connection; the centre may also be restarting.";
  if (error.code === "DATABASE_BUSY" || error.status === 503) return "The centre's database is busy. Nothing was changed; try again in a moment.";
  if (error.status === 429) return "Wait a moment, then try again.";
  if (error.status === 403) return "Ask an admin if you need this.";
  if (error.status === 404) return "It may have been deleted in the meantime; go back to the list.";
  if (error.status >= 500) return "Something failed on the centre; its log has the details. Try again, and tell your administrator if it keeps failing.";
  return "";
}
