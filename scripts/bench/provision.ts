/**
 * npm run bench:provision — how long provisioning over SSH takes, and what it costs the centre:
 *  - baseline: one bare test device provisioned as a k3s server, alone (time per step and in total);
 *  - then 10 devices at once: one new server and nine agents joining it (serverDeviceId), added in
 *    one go; wall time until all ten jobs succeeded, per-step median/max, and the ratio to the baseline;
 *  - the centre's CPU (share of one core) and RSS, sampled every 500 ms during each phase.
 * Test devices are network + mount namespaces with a real sshd (tests/support/devices), so this runs
 * as root inside a hub namespace (the npm script wraps it in scripts/netns-hub.sh). Needs
 * `npm run build` and `bash scripts/testcluster.sh build`. Prints figures; asserts nothing.
 */
import { readFileSync } from "node:fs";
import type { DeviceCreated, JobDetail } from "@outpost/cluster-core";
import { createTestDevice, destroyAllTestDevices, type TestDevice } from "../../tests/support/devices/create-test-device";
import { generateSshKey } from "../../tests/support/devices/generate-ssh-key";
import { startProvisioningCentre } from "../../tests/support/devices/provisioning-centre";

const AGENTS = 9;
const CLOCK_TICKS = 100; // USER_HZ on Linux

interface Usage {
  cpuSeconds: number;
  rssMiB: number;
}

function usage(pid: number): Usage {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return { cpuSeconds, rssMiB: rssKb / 1024 };
}

/** Samples the centre's CPU and RSS until stopped: average CPU share of one core, peak RSS. */
function sampleCentre(pid: number): () => { cpuPercent: number; peakRssMiB: number } {
  const start = usage(pid);
  const t0 = performance.now();
  let peak = start.rssMiB;
  const timer = setInterval(() => (peak = Math.max(peak, usage(pid).rssMiB)), 500);
  return () => {
    clearInterval(timer);
    const end = usage(pid);
    const wallSeconds = (performance.now() - t0) / 1000;
    return { cpuPercent: (100 * (end.cpuSeconds - start.cpuSeconds)) / wallSeconds, peakRssMiB: Math.max(peak, end.rssMiB) };
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const stepMs = (s: JobDetail["steps"][number]) => (s.startedAt && s.finishedAt ? Date.parse(s.finishedAt) - Date.parse(s.startedAt) : NaN);
const jobMs = (j: JobDetail) => Date.parse(j.finishedAt!) - Date.parse(j.startedAt!);

function requireSucceeded(job: JobDetail): JobDetail {
  if (job.status !== "succeeded") throw new Error(`job "${job.title}" ended ${job.status}: ${job.error ?? ""}`);
  return job;
}

async function main(): Promise<void> {
  const key = await generateSshKey("outpost-bench");
  const pc = await startProvisioningCentre();
  const pid = pc.centre.process.child.pid!;
  const siteId = await pc.site("bench");
  const devices: TestDevice[] = [];
  const device = async (index: number, hostname: string) => {
    const d = await createTestDevice({ index, hostname });
    await d.authorize("root", key.publicKey);
    devices.push(d);
    return d;
  };

  try {
    // Baseline: one server, alone.
    const single = await device(60, "bench-solo");
    const idle = usage(pid);
    let stop = sampleCentre(pid);
    const t0 = performance.now();
    const created = await pc.addDevice(single, key, { siteId, target: { role: "server", clusterName: "bench-solo" } });
    const solo = requireSucceeded(await pc.waitJob(created.job!.id, undefined, 600_000));
    const soloWall = performance.now() - t0;
    const soloCentre = stop();
    await single.destroy();

    // Ten at once: one new server and nine agents joining it.
    const fleet = await Promise.all([device(70, "bench-k3s"), ...Array.from({ length: AGENTS }, (_, i) => device(71 + i, `bench-till-${i + 1}`))]);
    stop = sampleCentre(pid);
    const t1 = performance.now();
    const server = await pc.addDevice(fleet[0]!, key, { siteId, target: { role: "server", clusterName: "bench-fleet" } });
    const agents: DeviceCreated[] = await Promise.all(
      fleet.slice(1).map((d) => pc.addDevice(d, key, { siteId, target: { role: "agent", serverDeviceId: server.device.id } })),
    );
    const jobs = (await Promise.all([server, ...agents].map((c) => pc.waitJob(c.job!.id, undefined, 1_200_000)))).map(requireSucceeded);
    const fleetWall = performance.now() - t1;
    const fleetCentre = stop();

    console.log(`database: ${pc.db.kind}; centre idle RSS before the runs: ${idle.rssMiB.toFixed(1)} MiB`);
    console.log(`\none device alone (new k3s server): ${seconds(soloWall)} from "add device" to job succeeded (job ${seconds(jobMs(solo))})`);
    for (const s of solo.steps) console.log(`  ${s.name.padEnd(14)} ${seconds(stepMs(s)).padStart(8)}`);
    console.log(`  centre meanwhile: ${soloCentre.cpuPercent.toFixed(0)} % of one core on average, peak RSS ${soloCentre.peakRssMiB.toFixed(1)} MiB`);

    console.log(`\n10 devices at once (1 new server + ${AGENTS} agents joining it): ${seconds(fleetWall)} until all succeeded = ${(fleetWall / soloWall).toFixed(2)}× the single device`);
    const names = [...new Set(jobs.flatMap((j) => j.steps.map((s) => s.name)))];
    for (const name of names) {
      const times = jobs.flatMap((j) => j.steps.filter((s) => s.name === name).map(stepMs)).filter((ms) => !Number.isNaN(ms));
      const base = solo.steps.find((s) => s.name === name);
      const ratio = base ? ` (median ${(median(times) / stepMs(base)).toFixed(2)}× alone)` : "";
      console.log(`  ${name.padEnd(14)} median ${seconds(median(times)).padStart(8)}, max ${seconds(Math.max(...times)).padStart(8)} over ${times.length} jobs${ratio}`);
    }
    const agentJobs = jobs.slice(1).map(jobMs);
    console.log(`  server job ${seconds(jobMs(jobs[0]!))}; agent jobs median ${seconds(median(agentJobs))}, max ${seconds(Math.max(...agentJobs))} (they wait for the server's cluster to come online)`);
    console.log(`  centre meanwhile: ${fleetCentre.cpuPercent.toFixed(0)} % of one core on average, peak RSS ${fleetCentre.peakRssMiB.toFixed(1)} MiB (${(fleetCentre.peakRssMiB / soloCentre.peakRssMiB).toFixed(2)}× the single run)`);
  } finally {
    await destroyAllTestDevices();
    await pc.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
