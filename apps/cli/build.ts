// Bundles the operator CLI into one ESM file: `node dist/outpost.mjs` with no node_modules beside it.
import { build } from "esbuild";
import { chmod, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
await rm(`${root}dist`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { outpost: "src/main.ts" },
  outdir: `${root}dist`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  minify: true,
  keepNames: true,
  sourcemap: "linked",
  logLevel: "warning",
  banner: { js: "#!/usr/bin/env node" },
});
await chmod(`${root}dist/outpost.mjs`, 0o755);
