import { StepError } from "../../jobs/job-kind";

interface Target {
  host: string;
  port: number;
  username: string;
  method: "key" | "password";
}

/**
 * The operator's words for what went wrong while connecting: refused credentials, an unreadable
 * key, no answer, a refused port. ssh2's own messages are kept in parentheses; they never
 * contain the secret.
 */
export function describeSshError(err: unknown, t: Target): StepError {
  if (err instanceof StepError) return err;
  const e = err as { message?: string; level?: string; code?: string };
  const raw = e.message ?? String(err);
  const at = `${t.username}@${t.host}:${t.port}`;
  if (e.level === "client-authentication" || /All configured authentication methods failed/i.test(raw)) {
    return new StepError(
      t.method === "key"
        ? `authentication failed: ${at} refused the private key (is its public key in ~${t.username}/.ssh/authorized_keys?)`
        : `authentication failed: ${at} refused the password`,
    );
  }
  if (/passphrase|Cannot parse privateKey|Unsupported key format|Malformed/i.test(raw)) {
    return new StepError(`the private key cannot be used: ${raw.replace(/^Cannot parse privateKey: /, "")} (a key with a passphrase needs the passphrase)`);
  }
  if (e.code === "ECONNREFUSED") return new StepError(`connection refused: nothing listens for SSH on ${t.host}:${t.port}`);
  if (e.code === "EHOSTUNREACH" || e.code === "ENETUNREACH") return new StepError(`${t.host} is not reachable from the centre (${e.code})`);
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return new StepError(`the host name ${t.host} does not resolve (${e.code})`);
  if (e.code === "ETIMEDOUT" || /Timed out while waiting for handshake/i.test(raw)) return new StepError(`no answer from ${t.host}:${t.port} (timed out)`);
  if (/Keepalive timeout|ECONNRESET|Not connected|No response from server|connection lost/i.test(raw)) {
    return new StepError(`the connection to ${t.host} was lost (${raw})`);
  }
  return new StepError(`SSH to ${at} failed: ${raw}`);
}
