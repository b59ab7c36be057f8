import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startKubeAccessFixture, type KubeAccessFixture } from "../support/kube-access-fixture";

/**
 * The cluster's own RBAC decides: the agent sends each request as the Outpost user
 * (impersonation) and Outpost keeps ClusterRoleBindings viewer → view, operator → edit,
 * admin → cluster-admin on every cluster. The kube proxy takes API tokens, never cookies.
 */
describe("kube API access decided by the cluster's RBAC", () => {
  let f: KubeAccessFixture;
  const kc: Record<"admin" | "viewer" | "operator", string> = { admin: "", viewer: "", operator: "" };

  beforeAll(async () => {
    f = await startKubeAccessFixture();
    kc.admin = await f.kubeconfig(f.admin, f.berlin);
    kc.viewer = await f.kubeconfig(f.viewer, f.berlin);
    kc.operator = await f.kubeconfig(f.operator, f.berlin);
    const run = await f.kubectl(kc.admin, ["run", "till", "--image=registry.local/till:1", "--restart=Never"]);
    expect(run.code, run.stderr).toBe(0);
    const secret = await f.kubectl(kc.admin, ["create", "secret", "generic", "card-key", "--from-literal=key=s3cr3t"]);
    expect(secret.code, secret.stderr).toBe(0);
    expect((await f.kubectl(kc.admin, ["wait", "--for=condition=Ready", "pod/till", "--timeout=30s"])).code).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await f?.stop();
  });

  it("lets a viewer list pods but refuses them Secrets and exec, in the cluster's own words", async () => {
    const pods = await f.kubectl(kc.viewer, ["get", "pods", "-o", "name"]);
    expect(pods.code, pods.stderr).toBe(0);
    expect(pods.stdout).toContain("pod/till");
    const secrets = await f.kubectl(kc.viewer, ["get", "secret", "card-key", "-o", "jsonpath={.data.key}"]);
    expect(secrets.code).not.toBe(0);
    expect(secrets.stderr).toMatch(/User "outpost:vic" cannot get resource "secrets"/);
    expect(secrets.stdout).not.toContain("czNjcjN0");
    const exec = await f.kubectl(kc.viewer, ["exec", "till", "--", "echo", "should not run"]);
    expect(exec.code).not.toBe(0);
    expect(exec.stderr).toMatch(/User "outpost:vic" cannot (create|get) resource "pods\/exec"/);
    expect(exec.stdout).not.toContain("should not run");
  });

  it("answers kubectl auth can-i truthfully for each role", async () => {
    const canI = async (who: keyof typeof kc, ...args: string[]) => (await f.kubectl(kc[who], ["auth", "can-i", ...args])).stdout.trim();
    expect(await canI("viewer", "list", "pods")).toBe("yes");
    expect(await canI("viewer", "get", "secrets")).toBe("no");
    expect(await canI("viewer", "create", "pods/exec")).toBe("no");
    expect(await canI("viewer", "delete", "deployments")).toBe("no");
    expect(await canI("operator", "create", "pods/exec")).toBe("yes");
    expect(await canI("operator", "delete", "deployments")).toBe("yes");
    expect(await canI("operator", "get", "secrets")).toBe("yes");
    expect(await canI("operator", "create", "clusterrolebindings")).toBe("no");
    expect(await canI("admin", "create", "clusterrolebindings")).toBe("yes");
    expect(await canI("admin", "*", "*")).toBe("yes");
  });

  it("names the real user to the cluster (kubectl auth whoami)", async () => {
    const who = await f.kubectl(kc.operator, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}"]);
    expect(who.code, who.stderr).toBe(0);
    expect(who.stdout).toMatch(/^outpost:otto .*outpost:operator/);
  });

  it("allows kubectl --as to cluster admins only, and refuses it clearly for anyone else", async () => {
    const refused = await f.kubectl(kc.operator, ["--as=outpost:vic", "get", "pods"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/kubectl --as \(impersonation\) needs the admin role on cluster berlin-1; you are operator there/);
    const asViewer = await f.kubectl(kc.admin, ["--as=outpost:vic", "--as-group=outpost:viewer", "auth", "can-i", "get", "secrets"]);
    expect(asViewer.stdout.trim()).toBe("no");
    const audit = await f.admin.api.ok<{ action: string; actorName: string; details: { actingAs?: { user: string } } }[]>("GET", "/api/v1/audit?limit=100");
    expect(audit.some((e) => e.actorName === "admin" && e.details.actingAs?.user === "outpost:vic")).toBe(true);
  });

  it("audits reading Secrets and pod logs, not only changes", async () => {
    await f.kubectl(kc.operator, ["get", "secret", "card-key"]);
    await f.kubectl(kc.operator, ["logs", "till"]);
    const audit = await f.admin.api.ok<{ action: string; actorName: string; details: Record<string, unknown> }[]>("GET", "/api/v1/audit?limit=100");
    expect(audit.find((e) => e.action === "k8s.read-secret" && e.actorName === "otto")).toMatchObject({ details: { cluster: "berlin-1", name: "card-key", status: 200 } });
    expect(audit.find((e) => e.action === "k8s.logs" && e.actorName === "otto")).toMatchObject({ details: { pod: "till" } });
  });

  it("takes API tokens only: the browser's session cookie opens nothing on the kube proxy", async () => {
    const res = await fetch(`${f.centre.url}/k8s/clusters/${f.berlin}/api/v1/namespaces/default/secrets`, { headers: { cookie: f.admin.api.sessionCookie! } });
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/API tokens only, never the browser's session/);
  });
});
