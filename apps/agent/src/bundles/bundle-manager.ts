import { BundleError, parseBundleManifest, type BundleHolding, type BundleManifest, type BundleStatusReport, type DesiredBundle } from "@outpost/cluster-core";
import { bundleIdOf } from "@outpost/cluster-core/node";
import type { AgentSocket } from "../connection/agent-session";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { BundleLink, FetchDeferredError, LinkLostError } from "./bundle-link";
import type { DeviceBundleStore, InstalledBundle } from "./device-bundle-store";
import { fetchBundleBlobs } from "./fetch-bundle-blobs";
import { installBundle } from "./install-bundle";
import { readPinnedKey } from "./pinned-key";
import { verifyBundle } from "./verify-bundle";

export interface BundleManagerOptions {
  store: DeviceBundleStore;
  /** Where k3s's directories are (`/` on a device; tests move it). */
  root: string;
  stateDir: string;
  /** The bundles of the cached desired state (undefined: none). */
  desired: () => readonly DesiredBundle[] | undefined;
  log: Logger;
  /** How often the store is looked at again (imports by `outpost-agent import`, retries). */
  rescanMs?: number;
}

/** A refused bundle is tried again after this long (the centre may have repaired its copy). */
const RETRY_FAILED_MS = 10 * 60_000;
/** Byte progress goes to the centre at most this often; state changes go at once. */
const PROGRESS_EVERY_MS = 500;

/**
 * Keeps the device's bundles as the desired state says, with or without a link: verifies each
 * bundle (pinned key, manifest, targets), fetches only the blobs the store lacks, places the
 * files, records the bundle installed, drops bundles no longer wanted (imports excepted until
 * the centre takes them in) and removes blobs nothing references. Reports holdings and live
 * progress to the centre whenever connected.
 */
export class BundleManager {
  private link: BundleLink | null = null;
  private socket: AgentSocket | null = null;
  private readonly holdings = new Map<string, BundleHolding>();
  private readonly failedAt = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  private queued = false;
  private timer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryAt = Infinity;
  /** Back-off after transfers that broke off for a reason other than the link (per bundle). */
  private readonly retryDelay = new Map<string, number>();
  private lastProgressAt = 0;
  private readonly stop = new AbortController();

  constructor(private readonly opts: BundleManagerOptions) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), this.opts.rescanMs ?? 10_000);
    this.timer.unref();
    this.kick();
  }

  close(): void {
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
    this.stop.abort();
  }

  /** A connection is up: transfers can run, and the centre hears what the device holds. */
  attach(socket: AgentSocket): () => void {
    const link = new BundleLink(socket);
    this.link = link;
    this.socket = socket;
    this.failedAt.clear();
    this.send(true);
    this.kick();
    return () => {
      link.close();
      if (this.link === link) {
        this.link = null;
        this.socket = null;
      }
    };
  }

  /** Looks at the desired bundles again (a new desired state, a rescan); passes never overlap. */
  kick(): void {
    if (this.queued) return;
    this.queued = true;
    this.running = this.running.then(async () => {
      this.queued = false;
      await this.pass().catch((err: unknown) => this.opts.log.warn({ reason: describeError(err) }, "bundles: a pass failed"));
    });
  }

  /** What the device holds, for the centre. */
  report(): BundleStatusReport {
    return { bundles: [...this.holdings.values()], store: this.storeStats };
  }

  private storeStats = { blobs: 0, bytes: 0 };

  private async pass(): Promise<void> {
    const { store, root, log } = this.opts;
    const desired = this.opts.desired() ?? [];
    const installed = await store.installed();
    const pinned = (await readPinnedKey(this.opts.stateDir))?.publicKey ?? null;
    const referenced = new Set<string>();
    const wanted = new Set(desired.map((d) => d.id));

    for (const d of desired) {
      const rec = installed.get(d.id);
      if (rec) {
        for (const b of parseBundleManifest(rec.manifest).blobs) referenced.add(b.sha256);
        if (rec.localOnly) await store.writeInstalled({ ...rec, localOnly: false });
        this.setInstalled(d.id, { ...rec, localOnly: false });
        continue;
      }
      const failed = this.failedAt.get(d.id);
      if (failed && Date.now() - failed < RETRY_FAILED_MS) continue;
      let manifest: BundleManifest;
      try {
        manifest = await verifyBundle(d.manifest, d.signature, pinned, root);
        if (bundleIdOf(d.manifest) !== d.id) throw new BundleError("BUNDLE_MANIFEST_INVALID", `bundle id ${d.id} does not name this manifest (${bundleIdOf(d.manifest)})`);
      } catch (err) {
        this.fail(d.id, null, err);
        continue;
      }
      for (const b of manifest.blobs) referenced.add(b.sha256);
      await this.obtain(d, manifest);
    }

    // Bundles no longer wanted leave the store (their placed files stay where k3s uses them).
    for (const rec of installed.values()) {
      if (wanted.has(rec.id)) continue;
      if (rec.localOnly) {
        for (const b of parseBundleManifest(rec.manifest).blobs) referenced.add(b.sha256);
        this.setInstalled(rec.id, rec);
        continue;
      }
      await store.removeInstalled(rec.id);
      this.holdings.delete(rec.id);
      log.info({ bundleId: rec.id }, "bundle no longer wanted; its blobs leave the store");
    }
    for (const id of [...this.holdings.keys()]) if (!wanted.has(id) && !installed.get(id)?.localOnly) this.holdings.delete(id);

    const removed = await store.withLock(async () => {
      // Look again under the lock: an import may have recorded a bundle since.
      for (const rec of (await store.installed()).values()) for (const b of parseBundleManifest(rec.manifest).blobs) referenced.add(b.sha256);
      return store.collectGarbage(referenced);
    });
    if (removed.length > 0) log.info({ blobs: removed.length }, "bundles: removed blobs no bundle references");
    const blobs = await store.blobs();
    this.storeStats = { blobs: blobs.length, bytes: blobs.reduce((s, b) => s + b.size, 0) };
    this.send(true);
  }

  /** Fetches what is missing and installs; leaves the holding waiting or failed when it cannot. */
  private async obtain(d: DesiredBundle, manifest: BundleManifest): Promise<void> {
    const { store, root, log } = this.opts;
    const unique = new Map(manifest.blobs.map((b) => [b.sha256, b.size]));
    const total = [...unique.values()].reduce((a, b) => a + b, 0);
    let held = 0;
    for (const sha of unique.keys()) held += await store.heldBytes(sha);
    const holding = this.update(d.id, manifest, { state: "fetching", bytesDone: Math.min(held, total), bytesTotal: total, message: "" });
    const link = this.link;
    if (!link && held < total) {
      this.update(d.id, manifest, { state: "waiting", message: "waiting for the link to the centre" });
      return;
    }
    try {
      if (link) {
        await fetchBundleBlobs({
          link,
          store,
          bundleId: d.id,
          manifest,
          signal: this.stop.signal,
          onBytes: (n) => {
            holding.bytesDone = Math.min(holding.bytesDone + n, total);
            holding.bytesFetched += n;
            holding.updatedAt = Date.now();
            this.send(false);
          },
        });
      }
      this.update(d.id, manifest, { state: "placing", bytesDone: total });
      const rec = await store.withLock(() => installBundle(store, root, { id: d.id, manifestText: d.manifest, signature: d.signature, manifest }, "tunnel", false));
      this.setInstalled(d.id, rec);
      log.info({ bundleId: d.id, name: manifest.name, version: manifest.version, files: manifest.blobs.length, bytesFetched: holding.bytesFetched }, "bundle installed");
    } catch (err) {
      if (err instanceof LinkLostError) this.update(d.id, manifest, { state: "waiting", message: `${err.message}; resumes when it returns` });
      else if (err instanceof FetchDeferredError) {
        this.update(d.id, manifest, { state: "waiting", message: err.message });
        this.retryIn(Math.max(err.retryAfterMs, 1000));
      } else if (err instanceof BundleError) this.fail(d.id, manifest, err);
      else {
        // The transfer broke off (the centre stopped it, a protocol hiccup): resume soon, from the last good chunk.
        const delay = Math.min((this.retryDelay.get(d.id) ?? 2_500) * 2, 300_000);
        this.retryDelay.set(d.id, delay);
        this.update(d.id, manifest, { state: "waiting", message: `transfer interrupted (${describeError(err)}); resuming in ${Math.round(delay / 1000)} s` });
        this.retryIn(delay);
      }
      return;
    }
    this.retryDelay.delete(d.id);
  }

  private retryIn(ms: number): void {
    const at = Date.now() + ms;
    if (at >= this.retryAt && this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryAt = Infinity;
      this.retryTimer = undefined;
      this.kick();
    }, ms);
    this.retryTimer.unref();
  }

  private fail(id: string, manifest: BundleManifest | null, err: unknown): void {
    const message = err instanceof BundleError ? err.message : `unexpected: ${describeError(err)}`;
    this.failedAt.set(id, Date.now());
    this.opts.log.warn({ bundleId: id, name: manifest?.name, version: manifest?.version, reason: message }, "bundle refused");
    this.update(id, manifest, { state: "failed", message });
  }

  private setInstalled(id: string, rec: InstalledBundle): void {
    const manifest = parseBundleManifest(rec.manifest);
    const total = [...new Map(manifest.blobs.map((b) => [b.sha256, b.size])).values()].reduce((a, b) => a + b, 0);
    this.update(id, manifest, { state: "installed", bytesDone: total, bytesTotal: total, message: "", origin: rec.origin, localOnly: rec.localOnly });
  }

  private update(id: string, manifest: BundleManifest | null, change: Partial<BundleHolding>): BundleHolding {
    const prev = this.holdings.get(id);
    const next: BundleHolding = {
      bundleId: id,
      name: manifest?.name ?? prev?.name ?? "",
      version: manifest?.version ?? prev?.version ?? "",
      state: "waiting",
      bytesDone: 0,
      bytesTotal: 0,
      bytesFetched: 0,
      message: "",
      origin: "tunnel",
      localOnly: false,
      ...prev,
      ...change,
      updatedAt: Date.now(),
    };
    this.holdings.set(id, next);
    if (prev?.state !== next.state) this.send(true);
    return next;
  }

  private send(force: boolean): void {
    if (!this.socket) return;
    const now = Date.now();
    if (!force && now - this.lastProgressAt < PROGRESS_EVERY_MS) return;
    this.lastProgressAt = now;
    this.socket.timeout(20_000).emit("bundle:status", this.report(), () => {});
  }
}
