import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ApplyResult, ClusterDriver, DesiredApplied, KubeManifest } from "@outpost/cluster-core";
import { createLogger } from "../logging/logger";
import { AppliedObjectsStore } from "./applied-objects-store";
import { DesiredStateStore } from "./desired-state-store";
import { Reconciler } from "./reconciler";

const cm = (name: string): KubeManifest => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "shop" } });
const names = (ms: KubeManifest[]) => ms.map((m) => m.metadata.name);

/** Records what the reconciler asks of the cluster; `failApply` makes the next apply throw. */
class RecordingDriver implements Pick<ClusterDriver, "apply" | "delete"> {
  applied: string[][] = [];
  deleted: string[][] = [];
  failApply = false;
  async apply(ms: KubeManifest[]): Promise<ApplyResult[]> {
    if (this.failApply) throw new Error("API server unreachable");
    this.applied.push(names(ms));
    return ms.map((m) => ({ kind: m.kind, name: m.metadata.name, namespace: m.metadata.namespace, action: "applied" }));
  }
  async delete(ms: KubeManifest[]): Promise<ApplyResult[]> {
    this.deleted.push(names(ms));
    return ms.map((m) => ({ kind: m.kind, name: m.metadata.name, namespace: m.metadata.namespace, action: "deleted" }));
  }
}

async function reconcilerIn(dir: string, driver: RecordingDriver, reports: DesiredApplied[] = []) {
  const store = await DesiredStateStore.open(dir);
  const rec = new Reconciler({
    driver: driver as unknown as ClusterDriver,
    store,
    applied: await AppliedObjectsStore.open(dir),
    intervalMs: 60_000,
    log: createLogger(() => {}),
    onDrift: () => {},
    onApplied: (r) => reports.push(r),
  });
  return rec;
}

describe("Reconciler pruning", () => {
  it("deletes objects an earlier generation applied that the new one no longer lists, also after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "outpost-rec-"));
    const driver = new RecordingDriver();
    const reports: DesiredApplied[] = [];
    const rec = await reconcilerIn(dir, driver, reports);
    await rec.offer({ generation: 1, manifests: [cm("a"), cm("b")] });
    await rec.offer({ generation: 2, manifests: [cm("a")] });
    expect(driver.deleted).toEqual([["b"]]);
    expect(reports.at(-1)).toEqual({ generation: 2, ok: true, message: "1 object(s) applied, 1 no longer listed deleted" });

    const restarted = await reconcilerIn(dir, driver);
    await restarted.offer({ generation: 3, manifests: [] });
    expect(driver.deleted).toEqual([["b"], ["a"]]);
  });

  it("remembers new objects before applying them, so a failed apply still lets a later generation delete them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "outpost-rec-"));
    const driver = new RecordingDriver();
    const rec = await reconcilerIn(dir, driver);
    driver.failApply = true;
    await rec.offer({ generation: 1, manifests: [cm("half-applied")] });
    driver.failApply = false;
    const restarted = await reconcilerIn(dir, driver);
    await restarted.offer({ generation: 2, manifests: [cm("other")] });
    expect(driver.deleted).toEqual([["half-applied"]]);
    expect(driver.applied).toEqual([["other"]]);
  });

  it("deletes nothing it did not apply itself", async () => {
    const dir = mkdtempSync(join(tmpdir(), "outpost-rec-"));
    const driver = new RecordingDriver();
    const rec = await reconcilerIn(dir, driver);
    await rec.offer({ generation: 5, manifests: [] });
    expect(driver.deleted).toEqual([]);
  });
});
