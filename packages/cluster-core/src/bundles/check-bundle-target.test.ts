import { describe, expect, it } from "vitest";
import { checkBundleTarget } from "./check-bundle-target";

describe("checkBundleTarget", () => {
  it.each([
    ["k3s-binary", "/usr/local/bin/k3s"],
    ["install-script", "/usr/local/bin/k3s-install.sh"],
    ["airgap-images", "/var/lib/rancher/k3s/agent/images/k3s-airgap-images-amd64.tar.zst"],
    ["chart", "/var/lib/rancher/k3s/server/static/charts/traefik-27.0.201+up27.0.2.tgz"],
    ["manifest", "/var/lib/rancher/k3s/server/manifests/shop.yaml"],
    ["agent", "/usr/local/lib/outpost/outpost-agent.mjs"],
    ["file", "/var/lib/rancher/k3s/server/manifests/extra.yaml"],
  ] as const)("accepts a %s at %s", (role, target) => {
    expect(checkBundleTarget(role, target)).toBeNull();
  });

  it("refuses a relative path", () => {
    expect(checkBundleTarget("manifest", "var/lib/rancher/k3s/server/manifests/a.yaml")).toMatch(/not an absolute path/);
  });

  it("refuses a '..' segment even when the text starts inside an allowed directory", () => {
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/../../../../../etc/cron.d/x")).toMatch(/'\.\.' segment/);
    expect(checkBundleTarget("airgap-images", "/var/lib/rancher/k3s/agent/images/..")).toMatch(/'\.\.' segment/);
  });

  it("refuses '.' segments, doubled and trailing slashes", () => {
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/./a.yaml")).toMatch(/not a normalised path/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher//k3s/server/manifests/a.yaml")).toMatch(/not a normalised path/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/")).toMatch(/not a normalised path/);
  });

  it("refuses absolute paths outside the k3s directories", () => {
    expect(checkBundleTarget("file", "/etc/passwd")).toMatch(/outside the places a file may be written/);
    expect(checkBundleTarget("k3s-binary", "/usr/bin/k3s")).toMatch(/outside the places a k3s-binary may be written \(\/usr\/local\/bin\/k3s\)/);
    // a prefix that only looks like an allowed directory
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests-evil/a.yaml")).toMatch(/outside/);
  });

  it("refuses a role writing into another role's place", () => {
    expect(checkBundleTarget("chart", "/usr/local/bin/k3s")).toMatch(/outside the places a chart may be written/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/agent/images/a.tar")).toMatch(/outside/);
  });

  it("refuses subdirectories, hidden files and odd characters", () => {
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/sub/a.yaml")).toMatch(/subdirectory/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/.hidden.yaml")).toMatch(/not a plain file name/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/a b.yaml")).toMatch(/not a plain file name/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/a\\b.yaml")).toMatch(/backslash/);
    expect(checkBundleTarget("manifest", "/var/lib/rancher/k3s/server/manifests/a\u0000.yaml")).toMatch(/control character/);
  });
});
