/**
 * A real SMTP server (the `smtp-server` package) as its own process, for alert tests: it accepts
 * every message on loopback and prints one line per message, `MAIL <json>` with envelope and
 * raw data. Usage: tsx tests/support/smtp-sink-process.ts PORT
 */
import { SMTPServer } from "smtp-server";

const port = Number(process.argv[2] ?? 0);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      const to = session.envelope.rcptTo.map((r) => r.address);
      process.stdout.write(`MAIL ${JSON.stringify({ from, to, data: Buffer.concat(chunks).toString("utf8") })}\n`);
      callback();
    });
  },
});
server.listen(port, "127.0.0.1", () => process.stdout.write(`smtp sink listening on ${port}\n`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
