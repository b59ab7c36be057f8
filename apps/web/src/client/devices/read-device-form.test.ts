import { describe, expect, it } from "vitest";
import { readDeviceForm } from "./read-device-form";

const KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n";
const base = { name: "till-1", host: "10.0.0.5", port: "22", username: "root", authMethod: "key", privateKey: KEY, siteId: "site1", role: "server", clusterName: "store-42" };

describe("readDeviceForm", () => {
  it("reads a server device with k3s options", () => {
    const r = readDeviceForm({ ...base, disable: ["traefik", "servicelb"], tlsSan: "k3s.example.com, 10.0.0.5", nodeLabels: "zone=till", nodeTaints: "dedicated=pos:NoSchedule\ngpu:NoExecute" });
    expect(r).toEqual({
      ok: true,
      body: expect.objectContaining({
        target: { role: "server", clusterName: "store-42" },
        auth: { method: "key", privateKey: KEY },
        k3s: {
          disable: ["traefik", "servicelb"],
          nodeLabels: { zone: "till" },
          nodeTaints: [{ key: "dedicated", value: "pos", effect: "NoSchedule" }, { key: "gpu", value: "", effect: "NoExecute" }],
          tlsSan: ["k3s.example.com", "10.0.0.5"],
        },
      }),
    });
  });

  it("names the field of each problem", () => {
    const r = readDeviceForm({ ...base, host: "not a host", privateKey: "ssh-ed25519 AAAA", role: "agent", clusterId: "", nodeTaints: "oops" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors).sort()).toEqual(["auth.privateKey", "host", "k3s.nodeTaints", "target.clusterId"]);
  });

  it("takes a password instead of a key", () => {
    const r = readDeviceForm({ ...base, authMethod: "password", password: "s3cret pass", privateKey: "" });
    expect(r.ok && r.body.auth).toEqual({ method: "password", password: "s3cret pass" });
  });
});
