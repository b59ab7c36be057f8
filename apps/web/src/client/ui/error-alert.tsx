import { ApiError } from "../api-error";

/** A failed request or validation, in words: the server's message and any per-field issues. */
export function ErrorAlert({ error, className = "" }: { error: unknown; className?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues.filter((i) => i.message !== message) : [];
  return (
    <div role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      <p>{message}</p>
      {issues.length > 1 && (
        <ul className="mt-1 list-disc pl-5">
          {issues.map((i) => (
            <li key={`${i.path}:${i.message}`}>
              {i.path ? <span className="font-mono">{i.path}</span> : null}
              {i.path ? ": " : ""}
              {i.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
