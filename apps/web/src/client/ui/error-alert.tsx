import { ApiError } from "../api-error";
import { errorAdvice } from "../error-advice";
import { Button } from "./button";

interface ErrorAlertProps {
  error: unknown;
  className?: string;
  /** Offers a button that repeats the failed request. */
  onRetry?: () => void;
  retryLabel?: string;
}

/** A failed request or validation, in words: the server's message, per-field issues, what to do next, and a retry. */
export function ErrorAlert({ error, className = "", onRetry, retryLabel = "Try again" }: ErrorAlertProps) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues.filter((i) => i.message !== message) : [];
  const advice = errorAdvice(error);
  return (
    <div role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="[overflow-wrap:anywhere]">{message}</p>
          {advice && <p className="mt-1 text-red-900">{advice}</p>}
        </div>
        {onRetry && (
          <Button size="sm" onClick={onRetry}>
            {retryLabel}
          </Button>
        )}
      </div>
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
