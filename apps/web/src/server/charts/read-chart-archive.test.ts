import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { readChartArchive } from "./read-chart-archive";

const scratch = mkdtempSync(join(tmpdir(), "outpost-chart-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A .tgz made by GNU tar from files under a top directory, like `helm package` lays them out. */
function archive(files: Record<string, string>, format = "gnu"): Buffer {
  const dir = mkdtempSync(join(scratch, "c-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const out = join(dir, "chart.tgz");
  execFileSync("tar", ["czf", out, `--format=${format}`, "-C", dir, ...Object.keys(files).map((p) => p.split("/")[0]!).filter((v, i, a) => a.indexOf(v) === i)]);
  return readFileSync(out);
}

const chartYaml = "apiVersion: v2\nname: shop\nversion: 1.2.0\nappVersion: 2.0.1\ndescription: The shop front\n";

describe("readChartArchive", () => {
  it("reads name, version, appVersion and description from Chart.yaml and the default values.yaml", () => {
    const r = readChartArchive(archive({ "shop/Chart.yaml": chartYaml, "shop/values.yaml": "replicaCount: 2\n", "shop/templates/deployment.yaml": "kind: Deployment\n" }));
    expect(r).toEqual({ metadata: { apiVersion: "v2", name: "shop", version: "1.2.0", appVersion: "2.0.1", description: "The shop front" }, defaultValues: "replicaCount: 2\n" });
  });

  it("reads PAX and GNU long names and a numeric appVersion", () => {
    const long = `shop/templates/${"x".repeat(120)}.yaml`;
    for (const format of ["gnu", "pax"]) {
      const r = readChartArchive(archive({ "shop/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: 1.10\n", [long]: "a: b\n" }, format));
      expect(r.metadata.appVersion).toBe("1.1");
      expect(r.defaultValues).toBe("");
    }
  });

  it("refuses what is not a usable chart, saying why", () => {
    expect(() => readChartArchive(Buffer.from("not gzip"))).toThrow(/not a gzip-compressed chart archive/);
    expect(() => readChartArchive(gzipSync(Buffer.from("x".repeat(600))))).toThrow(/not a valid tar file/);
    expect(() => readChartArchive(archive({ "shop/values.yaml": "a: 1\n" }))).toThrow(/no <chart>\/Chart.yaml/);
    expect(() => readChartArchive(archive({ "shop/Chart.yaml": "apiVersion: v2\nname: shop\nversion: one\n" }))).toThrow(/Chart.yaml: version: chart versions are SemVer/);
    expect(() => readChartArchive(archive({ "shop/Chart.yaml": "apiVersion: v2\nname: lib\nversion: 1.0.0\ntype: library\n" }))).toThrow(/library chart/);
    expect(() => readChartArchive(archive({ "other/Chart.yaml": chartYaml }))).toThrow(/names the chart shop but the archive's directory is other/);
    expect(() => readChartArchive(archive({ "shop/Chart.yaml": "apiVersion: v2\n  name: [\n" }))).toThrow(/Chart.yaml is not valid YAML/);
  });

  it("refuses an archive that unpacks to more than 32 MiB", () => {
    expect(() => readChartArchive(gzipSync(Buffer.alloc(33 * 1024 * 1024)))).toThrow(/more than 32 MiB/);
  });
});
