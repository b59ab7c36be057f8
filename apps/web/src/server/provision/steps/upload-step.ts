import { Transform } from "node:stream";
import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { stagingDir, withDeviceSession, type ProvisionParams } from "../provision-step-kit";
import { blobMode, resolveProvisionBundle, type ProvisionBlob } from "../resolve-provision-bundle";
import type { DeviceSession } from "../ssh/open-device-session";
import { shellCommand, shellQuote } from "../ssh/shell-quote";

const MiB = 1024 * 1024;
const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;

/**
 * Puts the bundle's blobs where k3s expects them. A blob already in place (same sha256) is
 * skipped; the others go to the login user's staging directory first, resuming a partial upload
 * from where it stopped, are checked with sha256sum on the device, and only then moved into place
 * as root (temp file + rename).
 */
export function uploadStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "upload",
    title: "Upload the bundle",
    async run(step) {
      await withDeviceSession(ctx, step, async (session, device) => {
        const bundle = await resolveProvisionBundle(ctx, { bundleId: device.bundleId, role: step.params.role });
        const placed = await hashesOnDevice(session, bundle.blobs.map((b) => b.target));
        const missing = bundle.blobs.filter((b) => placed.get(b.target) !== b.sha256);
        const skipped = bundle.blobs.length - missing.length;
        if (skipped) step.log(`${skipped} of ${bundle.blobs.length} files already in place`);
        if (missing.length === 0) return;
        const staging = await stagingDir(session);
        const staged = await stagedSizes(session, staging, missing);
        const total = missing.reduce((n, b) => n + b.size - Math.min(staged.get(b.sha256) ?? 0, b.size), 0);
        let sent = 0;
        step.log(`uploading ${missing.length} file(s), ${mib(total)}`);
        for (const blob of missing) {
          const file = `${staging}/${blob.sha256}`;
          let offset = staged.get(blob.sha256) ?? 0;
          if (offset > blob.size) {
            await session.run(shellCommand(["rm", "-f", file]));
            staged.delete(blob.sha256);
            offset = 0;
          }
          if (staged.has(blob.sha256) && offset < blob.size) {
            // The cut connection's `cat` may still be alive on the device, and its kernel may still
            // deliver bytes that were in flight: resume in a new file holding exactly the prefix,
            // so that no late writer can append to what this attempt uploads.
            const prev = `${file}.prev`;
            await session.runOk(`resuming ${blob.target}`, `mv -f ${shellQuote(file)} ${shellQuote(prev)} && head -c ${offset} ${shellQuote(prev)} > ${shellQuote(file)} && rm -f ${shellQuote(prev)}`);
            if (offset > 0) step.log(`resuming ${blob.target} at ${mib(offset)} of ${mib(blob.size)}`);
          }
          if (offset < blob.size) {
            const counter = new Transform({
              transform(chunk: Buffer, _enc, done) {
                sent += chunk.length;
                step.progress(total ? sent / total : 1, `${mib(sent)} of ${mib(total)}`);
                done(null, chunk);
              },
            });
            await session.runOk(`uploading ${blob.target}`, `cat >> ${shellQuote(file)}`, { stdin: (await blob.open(offset)).pipe(counter) });
          }
          const hash = (await session.runOk(`checking ${blob.target}`, `sha256sum ${shellQuote(file)}`)).split(/\s/)[0];
          if (hash !== blob.sha256) {
            await session.run(shellCommand(["rm", "-f", file]));
            throw new StepError(`${blob.target} arrived damaged (sha256 ${hash} instead of ${blob.sha256}); the copy was removed, a retry sends it again`);
          }
          await place(session, file, blob);
          step.log(`placed ${blob.target} (${mib(blob.size)}, sha256 ${blob.sha256.slice(0, 12)}…)`);
          if (blob.role === "k3s-binary" || blob.role === "airgap-images") step.state.k3sChanged = true;
        }
      });
    },
  };
}

/** sha256 of each target that exists on the device. */
async function hashesOnDevice(session: DeviceSession, targets: string[]): Promise<Map<string, string>> {
  const out = await session.run(`for f in ${targets.map(shellQuote).join(" ")}; do [ -f "$f" ] && sha256sum "$f"; done; true`, { privileged: true });
  const map = new Map<string, string>();
  for (const line of out.stdout.split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) map.set(m[2]!, m[1]!);
  }
  return map;
}

/** Bytes of each blob already staged by an earlier, interrupted upload. */
async function stagedSizes(session: DeviceSession, staging: string, blobs: ProvisionBlob[]): Promise<Map<string, number>> {
  const out = await session.run(`cd ${shellQuote(staging)} && for f in ${blobs.map((b) => b.sha256).join(" ")}; do [ -f "$f" ] && echo "$f $(wc -c < "$f")"; done; true`);
  const map = new Map<string, number>();
  for (const line of out.stdout.split("\n")) {
    const m = /^([0-9a-f]{64}) +(\d+)$/.exec(line.trim());
    if (m) map.set(m[1]!, Number(m[2]));
  }
  return map;
}

async function place(session: DeviceSession, file: string, blob: ProvisionBlob): Promise<void> {
  const dir = blob.target.slice(0, blob.target.lastIndexOf("/")) || "/";
  const tmp = `${blob.target}.outpost-tmp`;
  const mode = blobMode(blob.role);
  await session.runOk(
    `placing ${blob.target}`,
    [shellCommand(["mkdir", "-p", dir]), shellCommand(["install", "-m", mode, file, tmp]), shellCommand(["mv", "-f", tmp, blob.target]), shellCommand(["rm", "-f", file])].join(" && "),
    { privileged: true },
  );
}
