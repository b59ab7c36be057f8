import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** Pinned versions; each tool is cached under its own version key. */
export const HELM_VERSION = "v3.22.0";
export const HELM_CONTROLLER_VERSION = "v0.17.9";

interface GoTool {
  name: string;
  version: string;
  pkg: string;
  ldflags: string;
}

const TOOLS: readonly GoTool[] = [
  { name: "helm", version: HELM_VERSION, pkg: "helm.sh/helm/v3/cmd/helm", ldflags: `-s -w -X helm.sh/helm/v3/internal/version.version=${HELM_VERSION}` },
  {
    name: "helm-controller",
    version: HELM_CONTROLLER_VERSION,
    pkg: "github.com/k3s-io/helm-controller",
    ldflags: `-s -w -X github.com/k3s-io/helm-controller/pkg/version.Version=${HELM_CONTROLLER_VERSION}`,
  },
];

function cacheRoot(): string {
  return process.env.OUTPOST_HELM_CACHE ?? join(homedir(), ".cache", "outpost");
}

/** ~/.cache/outpost/<tool>/<version>/bin/<tool> */
export function helmToolPath(name: "helm" | "helm-controller"): string {
  const tool = TOOLS.find((t) => t.name === name)!;
  return join(cacheRoot(), tool.name, tool.version, "bin", tool.name);
}

export function haveHelmTools(): boolean {
  return TOOLS.every((t) => existsSync(helmToolPath(t.name as "helm" | "helm-controller")));
}

/**
 * Builds helm and k3s's helm-controller from the Go module proxy into the cache, once per
 * version (static, CGO off, like their release builds; `nice` and -p 2 to share the machine).
 * A build interrupted half-way leaves nothing in bin/. Concurrent builds of the same tool
 * (other checkouts share the cache) wait for each other through flock(1).
 */
export function buildHelmTools(log: (line: string) => void): void {
  for (const tool of TOOLS) {
    const bin = helmToolPath(tool.name as "helm" | "helm-controller");
    if (existsSync(bin)) continue;
    const dir = join(bin, "..", "..");
    mkdirSync(dir, { recursive: true });
    const partial = join(dir, "bin.partial");
    const started = Date.now();
    log(`${tool.name} ${tool.version}: building from the Go module proxy (a few minutes cold)`);
    const script = `[ -x "$1" ] && exit 0; rm -rf "$2"; GOBIN="$2" nice -n 10 go install -p 2 -ldflags "$3" "$4@$5" && mkdir -p "$(dirname "$1")" && mv "$2/$6" "$1" && rm -rf "$2"`;
    const res = spawnSync("flock", [join(dir, ".build.lock"), "bash", "-c", script, "build", bin, partial, tool.ldflags, tool.pkg, tool.version, tool.name], {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/local/go/bin`, GOWORK: "off", GOTOOLCHAIN: "local", GOFLAGS: "-trimpath -buildvcs=false", CGO_ENABLED: "0" },
    });
    if (res.status !== 0 || !existsSync(bin)) {
      rmSync(partial, { recursive: true, force: true });
      throw new Error(`building ${tool.name} ${tool.version} failed (exit ${res.status ?? res.signal})`);
    }
    log(`${tool.name} ${tool.version}: built in ${Math.round((Date.now() - started) / 1000)} s`);
  }
}
