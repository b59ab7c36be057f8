import { BundleError } from "@outpost/cluster-core";
import type { ImportConfig } from "../cli/parse-args";
import { describeError } from "../util/describe-error";
import { importBundleDir } from "./import-bundle-dir";

/**
 * The `import` command, run by a person at the device: plain lines, progress on stdout and the
 * reason for a refusal on stderr. Exit 0 installed, 1 refused or failed.
 */
export async function runImport(config: ImportConfig): Promise<number> {
  try {
    const { manifest, record, copiedBytes } = await importBundleDir(config, (line) => process.stdout.write(`${line}\n`));
    process.stdout.write(
      `installed bundle ${manifest.name} ${manifest.version} (${record.id}): ${manifest.blobs.length} file(s) under ${config.root}, ${copiedBytes} byte(s) copied into the store` +
        `${record.localOnly ? "; the centre learns of it when the agent is next connected" : ""}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BundleError) process.stderr.write(`outpost-agent import: ${config.dir} refused: ${err.message}; nothing was placed\n`);
    else process.stderr.write(`outpost-agent import: ${config.dir} failed: ${describeError(err)}\n`);
    return 1;
  }
}
