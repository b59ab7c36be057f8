// Child process for outbox-crash.test.ts, killed with SIGKILL at a random moment:
//   node --import tsx crash-writer.fixture.ts <dir> <jobs|mixed>
// Prints "ready <highestSeq>" once the outbox is open, then "A <seq> <kind>" after each append
// has resolved (so the record is on disk) and "K <seq>" after each ack has resolved.
import { type OutboxRecordInput } from "@outpost/cluster-core";
import { Outbox } from "./outbox";
import { changeInput, jobInput, snapshotInput } from "./records.fixture";

const [dir, mode] = process.argv.slice(2);
if (dir === undefined || (mode !== "jobs" && mode !== "mixed")) {
  process.stderr.write("usage: crash-writer.fixture.ts <dir> <jobs|mixed>\n");
  process.exit(2);
}

// Small bounds so that compactions (jobs: acks make dead bytes) and trims (mixed: changes pile
// up) happen many times within the few hundred milliseconds before the kill.
const outbox = await Outbox.open(dir, {
  maxBytes: mode === "jobs" ? 8 * 1024 : 4 * 1024,
  logger: { info: () => undefined, warn: () => undefined, error: (m) => process.stderr.write(`${String(m)}\n`) },
});
process.stdout.write(`ready ${outbox.stats().highestSeq}\n`);

// Bounded, in case the parent dies without killing us.
const stopAt = Date.now() + 15_000;
for (let i = 0; Date.now() < stopAt; i++) {
  const record = makeRecord(mode, i);
  const seq = await outbox.append(record);
  process.stdout.write(`A ${seq} ${record.kind}\n`);
  if (mode === "jobs" && i % 16 === 15) {
    await outbox.ack(seq - 8);
    process.stdout.write(`K ${seq - 8}\n`);
  }
}
await outbox.close();

function makeRecord(kind: "jobs" | "mixed", i: number): OutboxRecordInput {
  const at = new Date().toISOString();
  if (kind === "jobs" || i % 7 === 3) return jobInput(`job-${process.pid}-${i}`, at);
  return i % 4 === 0 ? snapshotInput(at) : changeInput(i, at);
}
