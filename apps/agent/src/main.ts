import { runAgent } from "./run-agent";

// Exit explicitly: a Kubernetes watch or a half-closed socket must not keep a stopped agent alive.
runAgent(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`outpost-agent: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
