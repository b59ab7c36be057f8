import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { helmToolPath } from "../../scripts/testcluster/helm-tools";

export interface TestChartOptions {
  name: string;
  version: string;
  appVersion?: string;
  /** Deployments the chart installs (each `<release>-<name>` in the release namespace). */
  deployments?: Array<{ name: string; replicas: number }>;
  /**
   * The install fails on any cluster that has a ConfigMap default/outpost-test-refuse (helm's
   * `lookup` reads the live cluster while rendering), so a test can make one cluster refuse it.
   */
  refusesWhenFlagged?: boolean;
}

export interface TestChart {
  name: string;
  version: string;
  /** The .tgz `helm package` made. */
  path: string;
  bytes: Buffer;
}

/** The ConfigMap that makes a `refusesWhenFlagged` chart fail to install on a cluster. */
export const REFUSE_FLAG = { namespace: "default", name: "outpost-test-refuse" } as const;

/**
 * Writes a small application chart and packages it with the real helm (built by
 * scripts/testcluster.sh build): Chart.yaml, a values.yaml with `replicaCount` and `message`, a
 * ConfigMap with the message, and Deployments kwok makes Ready.
 */
export function packageTestChart(opts: TestChartOptions, outDir = mkdtempSync(join(tmpdir(), "outpost-charts-"))): TestChart {
  const dir = join(outDir, "src", `${opts.name}-${opts.version}`, opts.name);
  mkdirSync(join(dir, "templates"), { recursive: true });
  writeFileSync(join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${opts.name}\nversion: ${opts.version}\nappVersion: "${opts.appVersion ?? opts.version}"\ndescription: Outpost test chart ${opts.name}\ntype: application\n`);
  writeFileSync(join(dir, "values.yaml"), "# Replicas of each Deployment\nreplicaCount: 1\n# Shown in the ConfigMap\nmessage: hello\n");
  writeFileSync(
    join(dir, "templates", "configmap.yaml"),
    [
      ...(opts.refusesWhenFlagged ? [`{{- if lookup "v1" "ConfigMap" "${REFUSE_FLAG.namespace}" "${REFUSE_FLAG.name}" }}`, `{{- fail "this cluster refuses ${opts.name} ${opts.version} (test flag ${REFUSE_FLAG.name})" }}`, "{{- end }}"] : []),
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata:",
      "  name: {{ .Release.Name }}-settings",
      "data:",
      "  message: {{ .Values.message | quote }}",
      `  chartVersion: "${opts.version}"`,
      "",
    ].join("\n"),
  );
  for (const d of opts.deployments ?? [{ name: "web", replicas: 1 }]) {
    writeFileSync(
      join(dir, "templates", `${d.name}.yaml`),
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Release.Name }}-${d.name}
  labels: { app.kubernetes.io/name: ${d.name}, app.kubernetes.io/instance: {{ .Release.Name }} }
spec:
  replicas: {{ .Values.replicaCount | default ${d.replicas} }}
  selector: { matchLabels: { app.kubernetes.io/name: ${d.name}, app.kubernetes.io/instance: {{ .Release.Name }} } }
  template:
    metadata: { labels: { app.kubernetes.io/name: ${d.name}, app.kubernetes.io/instance: {{ .Release.Name }} } }
    spec:
      containers:
        - name: ${d.name}
          image: registry.example/${opts.name}-${d.name}:${opts.appVersion ?? opts.version}
`,
    );
  }
  execFileSync(helmToolPath("helm"), ["package", dir, "--destination", outDir], { env: helmEnv(outDir), stdio: "pipe" });
  const path = join(outDir, `${opts.name}-${opts.version}.tgz`);
  return { name: opts.name, version: opts.version, path, bytes: readFileSync(path) };
}

/** Runs the real helm with its homes in `dir` (no network, no user config). */
export function helmEnv(dir: string): NodeJS.ProcessEnv {
  return { ...process.env, HELM_CONFIG_HOME: join(dir, ".helm/config"), HELM_CACHE_HOME: join(dir, ".helm/cache"), HELM_DATA_HOME: join(dir, ".helm/data") };
}
