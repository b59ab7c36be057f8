import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually";
import { startKubeAccessFixture, type KubeAccessFixture } from "../support/kube-access-fixture";

/**
 * Every streaming kubectl verb through the centre and the agent's tunnel, against a real API
 * server whose pods kwok serves (exec runs on this host, logs and attach read one CRI log
 * file, port-forward is a TCP echo): see scripts/testcluster.md.
 */
describe("kubectl streams through the centre", () => {
  let f: KubeAccessFixture;
  let kc: string;
  const children: ChildProcess[] = [];

  /** Starts kubectl in the background; its output accumulates in `out()`. */
  function background(args: string[]): { child: ChildProcess; out: () => string } {
    const child = spawn(f.cluster.kubectl, ["--kubeconfig", kc, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    return { child, out: () => out };
  }
  const appendLogLine = (text: string) => appendFileSync(f.env.POD_LOG_FILE!, `${new Date().toISOString()} stdout F ${text}\n`);

  beforeAll(async () => {
    f = await startKubeAccessFixture();
    kc = await f.kubeconfig(f.operator, f.berlin);
    const run = await f.kubectl(kc, ["run", "shell", "--image=registry.local/shell:1", "--restart=Never"]);
    expect(run.code, run.stderr).toBe(0);
    const ready = await f.kubectl(kc, ["wait", "--for=condition=Ready", "pod/shell", "--timeout=30s"]);
    expect(ready.code, ready.stderr).toBe(0);
  }, 240_000);
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await f?.stop();
  });

  it("runs kubectl exec and audits it with user, cluster, pod and command", async () => {
    const res = await f.kubectl(kc, ["exec", "shell", "--", "echo", "hello from the pod"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe("hello from the pod\n");
    const audit = await f.admin.api.ok<{ action: string; actorName: string; details: Record<string, unknown> }[]>("GET", "/api/v1/audit?limit=50");
    const exec = audit.find((e) => e.action === "k8s.exec");
    expect(exec).toMatchObject({ actorName: "otto", details: { cluster: "berlin-1", namespace: "default", pod: "shell", command: ["echo", "hello from the pod"], status: 101 } });
  });

  it("runs an interactive exec: stdin reaches the command and its answer comes back", async () => {
    const res = await f.kubectl(kc, ["exec", "-i", "shell", "--", "sh", "-c", "read line; echo got:$line"], "ping\n");
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toBe("got:ping\n");
  });

  it("runs an interactive exec with a terminal (-it)", async () => {
    // script(1) gives kubectl a real terminal, as when a person types.
    // The command lingers after answering: kwok's terminal can drop the last output of a command that exits at once.
    const cmd = `${f.cluster.kubectl} --kubeconfig ${kc} exec -it shell -- sh -c 'printf prompt:; read line; echo got:$line; sleep 2'`;
    const child = spawn("script", ["-qec", cmd, "/dev/null"], { stdio: ["pipe", "pipe", "pipe"] });
    children.push(child);
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    // Typed once the command asks for it, as a person would.
    await eventually(async () => out, (o) => o.includes("prompt:"), "the command's prompt", 20_000);
    child.stdin.write("typed\r");
    await eventually(async () => out, (o) => o.includes("got:typed"), "the answer to typed input", 20_000);
  });

  it("copies a file out of the pod with kubectl cp", async () => {
    const source = join(f.tmp, "receipt.txt");
    const content = randomBytes(48 * 1024).toString("base64");
    writeFileSync(source, content);
    const target = join(f.tmp, "copied.txt");
    const res = await f.kubectl(kc, ["cp", `default/shell:${source}`, target]);
    expect(res.code, res.stderr).toBe(0);
    expect(readFileSync(target, "utf8")).toBe(content);
  });

  it("follows logs with kubectl logs -f", async () => {
    const logs = background(["logs", "-f", "shell"]);
    await eventually(async () => logs.out(), (o) => o.length > 0, "the existing lines");
    appendLogLine("till opened");
    await eventually(async () => logs.out(), (o) => o.includes("till opened"), "a line written after -f started");
    logs.child.kill("SIGINT");
  });

  it("attaches to a pod's output with kubectl attach", async () => {
    const attach = background(["attach", "shell"]);
    // attach follows the output from its end: keep writing until a line shows up.
    await eventually(async () => (appendLogLine("drawer closed"), attach.out()), (o) => o.includes("drawer closed"), "a line written while attached", 20_000);
    attach.child.kill("SIGINT");
  });

  it("forwards a port, carrying a megabyte both ways byte for byte", async () => {
    const pf = background(["port-forward", "pod/shell", ":8080"]);
    const m = await eventually(async () => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(pf.out()), (x) => x !== null, "port-forward listening", 20_000);
    const port = Number(m![1]);
    const payload = randomBytes(1024 * 1024);
    const echoed = await new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const s = connect({ port, host: "127.0.0.1" }, () => s.write(payload));
      s.on("data", (d: Buffer) => {
        chunks.push(d);
        size += d.byteLength;
        if (size >= payload.byteLength) {
          s.destroy();
          resolve(Buffer.concat(chunks));
        }
      });
      s.on("error", reject);
      setTimeout(() => reject(new Error(`echo incomplete: ${size} of ${payload.byteLength} bytes`)), 30_000).unref();
    });
    expect(echoed.equals(payload)).toBe(true);
    pf.child.kill("SIGINT");
  });

  it("serves server-side apply", async () => {
    const manifest = JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "till-ssa", namespace: "default" }, data: { currency: "EUR" } });
    const res = await f.kubectl(kc, ["apply", "--server-side", "-f", "-"], manifest);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain("configmap/till-ssa serverside-applied");
    const managers = await f.cluster.kubectlRun(["get", "configmap", "till-ssa", "-o", "jsonpath={.metadata.managedFields[*].manager}"]);
    expect(managers.stdout).toContain("kubectl");
  });

  it("closes nothing behind: every tunnel stream ends when the kubectl processes are gone", async () => {
    for (const c of children) c.kill("SIGKILL");
    await eventually(() => f.admin.api.ok<{ tunnelStreamsOpen: number }>("GET", "/api/v1/metrics"), (m) => m.tunnelStreamsOpen === 0, "no tunnel streams left", 15_000);
  });
});
