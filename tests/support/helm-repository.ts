import { execFileSync } from "node:child_process";
import { copyFileSync, createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { helmToolPath } from "../../scripts/testcluster/helm-tools";
import { helmEnv, type TestChart } from "./helm-charts";

export interface HelmRepository {
  /** http://127.0.0.1:PORT — what `helm repo add` and Outpost take. */
  url: string;
  /** Serves these archives too and rewrites index.yaml (`helm repo index`). */
  add(...charts: TestChart[]): void;
  /** Requests served, by path (e.g. to see that a cluster fetched a chart itself). */
  requests: string[];
  close(): Promise<void>;
}

/** A Helm chart repository on loopback: a folder of .tgz files and the index.yaml helm makes for it. */
export async function startHelmRepository(): Promise<HelmRepository> {
  const dir = mkdtempSync(join(tmpdir(), "outpost-helm-repo-"));
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const name = basename(decodeURIComponent((req.url ?? "/").split("?")[0]!));
    requests.push(req.url ?? "");
    const file = join(dir, name);
    if (!/^[\w.-]+\.(tgz|yaml)$/.test(name) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": name.endsWith(".yaml") ? "application/x-yaml" : "application/gzip" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const index = () => execFileSync(helmToolPath("helm"), ["repo", "index", dir, "--url", url], { env: helmEnv(dir), stdio: "pipe" });
  index();
  return {
    url,
    requests,
    add(...charts) {
      for (const c of charts) copyFileSync(c.path, join(dir, basename(c.path)));
      index();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
