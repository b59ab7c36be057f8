import { evaluatePreflight, k3sArchOf, parsePreflightFacts } from "@outpost/cluster-core";
import type { ServerContext } from "../../context";
import { StepError, type StepDefinition } from "../../jobs/job-kind";
import { deviceScript } from "../device-script";
import { withDeviceSession, type ProvisionParams } from "../provision-step-kit";
import { resolveProvisionBundle, type ProvisionBundle } from "../resolve-provision-bundle";

/**
 * Architecture, OS, free memory and disk, ports 6443/10250, sudo and an existing k3s: read, never
 * changed. A device without a chosen bundle gets the newest one for its architecture.
 */
export function preflightStep(ctx: ServerContext): StepDefinition<ProvisionParams> {
  return {
    name: "preflight",
    title: "Preflight checks",
    async run(step) {
      await withDeviceSession(ctx, step, async (session, device) => {
        const out = await session.runOk("the preflight script", "sh -s", { stdin: deviceScript(ctx, "preflight.sh") });
        const facts = parsePreflightFacts(out);
        await ctx.db.device.update({ where: { id: device.id }, data: { facts: JSON.stringify(facts) } });
        step.log(`${facts.hostname}: ${facts.osName}, ${facts.arch}, kernel ${facts.kernel}, ${Math.round(facts.memAvailableKiB / 1024)} MiB memory available, ${Math.round(facts.diskFreeKiB / 1024)} MiB free`);
        const arch = k3sArchOf(facts.arch);
        let bundle: ProvisionBundle | null = null;
        let noBundle: string | null = null;
        if (arch) {
          // An agent takes the bundle its cluster's server came from: the same k3s on every node.
          const server =
            device.role !== "agent" ? null
            : device.joinDeviceId ? await ctx.db.device.findUnique({ where: { id: device.joinDeviceId } })
            : device.clusterId ? await ctx.db.device.findFirst({ where: { role: "server", clusterId: device.clusterId } })
            : null;
          const serverBundle = server?.bundleId;
          bundle = await resolveProvisionBundle(ctx, { bundleId: device.bundleId ?? serverBundle ?? null, role: step.params.role, arch }).catch((err: Error) => {
            noBundle = err.message;
            return null;
          });
        }
        const reprovision = (await ctx.db.job.count({ where: { targetType: "device", targetId: device.id, status: "succeeded" } })) > 0;
        const verdict = evaluatePreflight(facts, {
          role: step.params.role,
          bundleArch: bundle?.arch ?? arch ?? "amd64",
          uploadBytes: bundle?.blobs.reduce((n, b) => n + b.size, 0) ?? 0,
          reprovision,
        });
        for (const note of verdict.notes) step.log(note);
        const problems = [...verdict.problems, ...(noBundle ? [noBundle] : [])];
        if (problems.length || !bundle) {
          for (const p of problems.slice(1)) step.log(p, "error");
          throw new StepError(problems[0] ?? "no bundle to provision from");
        }
        if (!device.bundleId) await ctx.db.device.update({ where: { id: device.id }, data: { bundleId: bundle.id } });
        step.log(`ready for bundle ${bundle.name} ${bundle.version} (${bundle.arch})`);
      });
    },
  };
}
