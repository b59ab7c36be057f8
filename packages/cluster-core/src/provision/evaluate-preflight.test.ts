import { describe, expect, it } from "vitest";
import { evaluatePreflight, k3sArchOf } from "./evaluate-preflight";
import { parsePreflightFacts } from "./preflight-facts";

const REPORT = `hostname=store-42
arch=x86_64
kernel=6.1.0
os_id=debian
os_name=Debian GNU/Linux 12 (bookworm)
uid=1000
mem_available_kib=2048000
disk_free_kib=10485760
port_6443=free
port_10250=free
sudo=ok
sudo_message=
k3s_version=
k3s_config=no
init=systemd
node_version=v20.20.2
`;
const req = { role: "server" as const, bundleArch: "amd64" as const, uploadBytes: 100 * 1024 * 1024, reprovision: false };

describe("preflight", () => {
  it("passes a healthy amd64 device", () => {
    const v = evaluatePreflight(parsePreflightFacts(REPORT), req);
    expect(v).toEqual({ arch: "amd64", problems: [], notes: [] });
  });

  it("refuses a 32-bit x86 device and a bundle of another architecture", () => {
    expect(evaluatePreflight(parsePreflightFacts(REPORT.replace("arch=x86_64", "arch=i686")), req).problems[0]).toMatch(/^unsupported architecture i686/);
    expect(evaluatePreflight(parsePreflightFacts(REPORT), { ...req, bundleArch: "arm64" }).problems[0]).toMatch(/bundle is built for arm64, but the device is amd64/);
    expect(k3sArchOf("armv7l")).toBe("arm");
    expect(k3sArchOf("aarch64")).toBe("arm64");
  });

  it("refuses a user without passwordless sudo, with sudo's own words", () => {
    const facts = parsePreflightFacts(REPORT.replace("sudo=ok", "sudo=refused").replace("sudo_message=", "sudo_message=sudo: a password is required"));
    expect(evaluatePreflight(facts, req).problems).toEqual(["the user may not run sudo without a password (sudo: a password is required): allow it (NOPASSWD) or log in as root"]);
  });

  it("refuses busy ports unless k3s is already there, too little memory or disk, and a missing Node.js for a server", () => {
    const busy = parsePreflightFacts(REPORT.replace("port_6443=free", "port_6443=busy"));
    expect(evaluatePreflight(busy, req).problems).toEqual(["port 6443 is in use by another program (k3s needs it)"]);
    expect(evaluatePreflight({ ...busy, k3sVersion: "k3s version v1.36.3+k3s1" }, req).problems).toEqual([]);
    const small = parsePreflightFacts(REPORT.replace("mem_available_kib=2048000", "mem_available_kib=100000").replace("disk_free_kib=10485760", "disk_free_kib=200000"));
    expect(evaluatePreflight(small, req).problems).toEqual([
      "only 97 MiB of memory available; a k3s server needs at least 512 MiB",
      "only 195 MiB free under /var/lib; the bundle and k3s need 612 MiB",
    ]);
    expect(evaluatePreflight(parsePreflightFacts(REPORT.replace("node_version=v20.20.2", "node_version=")), req).problems[0]).toMatch(/needs Node.js 20 or newer/);
    expect(evaluatePreflight(parsePreflightFacts(REPORT.replace("node_version=v20.20.2", "node_version=")), { ...req, role: "agent" }).problems).toEqual([]);
  });

  it("refuses a report it does not understand", () => {
    expect(() => parsePreflightFacts(REPORT.replace("port_6443=free", "port_6443=maybe"))).toThrow(/not understood \(port6443/);
    expect(() => parsePreflightFacts("hello")).toThrow(/not understood/);
  });
});
