import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ZK3sOptions } from "./k3s-options";
import { renderK3sConfig } from "./render-k3s-config";

describe("renderK3sConfig", () => {
  it("writes a server's options under k3s's flag names", () => {
    const options = ZK3sOptions.parse({
      disable: ["traefik", "servicelb"],
      tlsSan: ["k3s.store-42.example.com", "10.0.0.5"],
      nodeLabels: { zone: "till" },
      nodeTaints: [{ key: "dedicated", value: "pos", effect: "NoSchedule" }, { key: "gpu", effect: "NoExecute" }],
      datastoreEndpoint: "postgres://k3s:s3cret@db:5432/k3s",
    });
    expect(parse(renderK3sConfig({ role: "server", options }))).toEqual({
      "write-kubeconfig-mode": "0600",
      "tls-san": ["k3s.store-42.example.com", "10.0.0.5"],
      disable: ["traefik", "servicelb"],
      "datastore-endpoint": "postgres://k3s:s3cret@db:5432/k3s",
      "node-label": ["zone=till"],
      "node-taint": ["dedicated=pos:NoSchedule", "gpu:NoExecute"],
    });
  });

  it("writes an agent's server and token, and no server-only options", () => {
    const options = ZK3sOptions.parse({ disable: ["traefik"], tlsSan: ["x.example.com"] });
    expect(parse(renderK3sConfig({ role: "agent", options, token: "K10aa::server:bb", server: "https://10.0.0.5:6443" }))).toEqual({
      server: "https://10.0.0.5:6443",
      token: "K10aa::server:bb",
    });
  });

  it("keeps a hostile token a plain string (no YAML injection)", () => {
    const token = 'x"\nserver: https://evil:6443\n#';
    const doc = parse(renderK3sConfig({ role: "agent", options: ZK3sOptions.parse({}), token, server: "https://10.0.0.5:6443" }));
    expect(doc.token).toBe(token);
    expect(doc.server).toBe("https://10.0.0.5:6443");
  });
});
