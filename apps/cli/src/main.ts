import { runCli } from "./run-cli";

runCli(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`outpost: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
