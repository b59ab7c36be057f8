import { join } from "node:path";
import { freePort } from "./free-port";
import { REPO_DIR } from "./paths";
import { startProcess, type ProcessHandle } from "./process-handle";

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  data: string;
}

export interface SmtpSink {
  url: string;
  process: ProcessHandle;
  /** Every message the server accepted so far. */
  messages(): SentMail[];
  stop(): Promise<void>;
}

/** Starts tests/support/smtp-sink-process.ts: a real SMTP server in its own process on loopback. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const proc = startProcess(process.execPath, ["--import", "tsx", join(REPO_DIR, "tests/support/smtp-sink-process.ts"), String(port)], { cwd: REPO_DIR });
  await proc.waitFor(/smtp sink listening/, 30_000);
  return {
    url: `smtp://127.0.0.1:${port}`,
    process: proc,
    messages: () =>
      proc
        .output()
        .split("\n")
        .filter((l) => l.startsWith("MAIL "))
        .map((l) => {
          const m = JSON.parse(l.slice(5)) as { from: string; to: string[]; data: string };
          // Long headers are folded onto continuation lines; unfold before reading the subject.
          const headers = m.data.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, " ");
          return { ...m, subject: /^Subject: (.*)$/m.exec(headers)?.[1]?.trim() ?? "" };
        }),
    stop: () => proc.stop(),
  };
}
