import { gunzipSync } from "node:zlib";
import { type ChartMetadata, ZChartMetadata } from "@outpost/cluster-core";
import { parse } from "yaml";
import { AppError } from "../errors/app-error";
import { readTarEntries } from "./read-tar-entries";

/** Unpacked charts bigger than this are refused (a small archive can inflate enormously). */
const MAX_UNPACKED_BYTES = 32 * 1024 * 1024;
const MAX_VALUES_BYTES = 256 * 1024;

export interface ChartArchiveContents {
  metadata: ChartMetadata;
  /** The chart's values.yaml as written ("" when it has none). */
  defaultValues: string;
}

/**
 * Reads a helm chart archive (.tgz as `helm package` makes it): Chart.yaml's name, version,
 * appVersion and description, and the default values.yaml, from the chart's top directory.
 * Anything that is not a usable application chart is an INVALID_INPUT error saying why.
 */
export function readChartArchive(archive: Buffer): ChartArchiveContents {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (err) {
    const tooBig = (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE";
    throw new AppError("INVALID_INPUT", tooBig ? "the chart unpacks to more than 32 MiB" : "the file is not a gzip-compressed chart archive (.tgz)");
  }
  let entries;
  try {
    entries = readTarEntries(tar);
  } catch (err) {
    throw new AppError("INVALID_INPUT", `the chart archive is not a valid tar file: ${(err as Error).message}`);
  }
  const chartYaml = entries.find((e) => /^[^/]+\/Chart\.yaml$/.test(e.path));
  if (!chartYaml) throw new AppError("INVALID_INPUT", "the archive has no <chart>/Chart.yaml: is it a helm chart package?");
  const top = chartYaml.path.slice(0, chartYaml.path.indexOf("/"));
  let raw: unknown;
  try {
    raw = parse(chartYaml.data.toString("utf8"));
  } catch (err) {
    throw new AppError("INVALID_INPUT", `Chart.yaml is not valid YAML: ${(err as Error).message.split("\n")[0]}`);
  }
  const parsed = ZChartMetadata.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("INVALID_INPUT", `Chart.yaml: ${issue.path.join(".") || "document"}: ${issue.message}`);
  }
  if (parsed.data.type === "library") throw new AppError("INVALID_INPUT", `${parsed.data.name} is a library chart; only application charts can be installed`);
  if (parsed.data.name !== top) throw new AppError("INVALID_INPUT", `Chart.yaml names the chart ${parsed.data.name} but the archive's directory is ${top}`);
  const values = entries.find((e) => e.path === `${top}/values.yaml`);
  if (values && values.data.length > MAX_VALUES_BYTES) throw new AppError("INVALID_INPUT", "the chart's values.yaml is larger than 256 KiB");
  return { metadata: parsed.data, defaultValues: values?.data.toString("utf8") ?? "" };
}
