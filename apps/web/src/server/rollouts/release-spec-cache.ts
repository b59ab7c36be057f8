import type { ServerContext } from "../context";
import { buildReleaseManifest, type ReleaseManifest, releaseSpecSelect } from "./build-release-manifest";

/** Builds each rollout's HelmChart once per scheduler pass, however many clusters get it. */
export class ReleaseSpecCache {
  private readonly specs = new Map<string, Promise<ReleaseManifest | null>>();

  constructor(private readonly ctx: ServerContext) {}

  /** The release a rollout's spec describes; null when that rollout no longer exists. */
  get(rolloutId: string): Promise<ReleaseManifest | null> {
    let spec = this.specs.get(rolloutId);
    if (!spec) {
      spec = this.ctx.db.rollout.findUnique({ where: { id: rolloutId }, select: releaseSpecSelect }).then((r) => (r ? buildReleaseManifest(this.ctx, r) : null));
      this.specs.set(rolloutId, spec);
    }
    return spec;
  }
}
