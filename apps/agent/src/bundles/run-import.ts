import { BundleError } from "@outpost/cluster-core";
import type { ImportConfig } from "../cli/parse-args";
import type { Logger } from "../logging/logger";
import { describeError } from "../util/describe-error";
import { importBundleDir } from "./import-bundle-dir";

/** The `import` command: exit 0 installed, 1 refused or failed (the reason on stderr). */
export async function runImport(config: ImportConfig, log: Logger): Promise<number> {
  try {
    const { manifest, record, copiedBytes } = await importBundleDir(config, log);
    process.stdout.write(
      `installed bundle ${manifest.name} ${manifest.version} (${record.id}): ${manifest.blobs.length} file(s) under ${config.root}, ${copiedBytes} byte(s) copied into the store` +
        `${record.localOnly ? "; the centre learns of it when the agent is next connected" : ""}\n`,
    );
    return 0;
  } catch (err) {
    if (err instanceof BundleError) log.error(`import of ${config.dir} refused: ${err.message}; nothing was placed`);
    else log.error(`import of ${config.dir} failed: ${describeError(err)}`);
    return 1;
  }
}
