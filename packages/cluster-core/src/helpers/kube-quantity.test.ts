import { describe, expect, it } from "vitest";
import { formatKubeCpu } from "./format-kube-cpu";
import { formatKubeMemory } from "./format-kube-memory";
import { parseKubeQuantity } from "./parse-kube-quantity";

describe("Kubernetes quantities for people", () => {
  it("reads binary and decimal suffixes, milli-units and exponents", () => {
    expect(parseKubeQuantity("8221128Ki")).toBe(8221128 * 1024);
    expect(parseKubeQuantity("2Gi")).toBe(2 * 2 ** 30);
    expect(parseKubeQuantity("500M")).toBe(500e6);
    expect(parseKubeQuantity("3500m")).toBeCloseTo(3.5);
    expect(parseKubeQuantity("1e3")).toBe(1000);
    expect(parseKubeQuantity("0.5")).toBe(0.5);
  });

  it("refuses what is not a quantity", () => {
    for (const bad of ["", "Ki", "8 Gi", "12XB", "1.2.3", "abc"]) expect(parseKubeQuantity(bad), bad).toBeNull();
  });

  it("shows memory in binary units and CPU in cores, and anything unreadable as it came", () => {
    expect(formatKubeMemory("8221128Ki")).toBe("7.8 GiB");
    expect(formatKubeMemory("512Mi")).toBe("512.0 MiB");
    expect(formatKubeMemory("weird")).toBe("weird");
    expect(formatKubeCpu("4")).toBe("4 cores");
    expect(formatKubeCpu("1")).toBe("1 core");
    expect(formatKubeCpu("3500m")).toBe("3.5 cores");
    expect(formatKubeCpu("250m")).toBe("0.25 cores");
    expect(formatKubeCpu("??")).toBe("??");
  });
});
