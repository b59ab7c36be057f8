// Bundles the agent into one self-contained ESM file (plus lazily loaded chunks) for devices:
// `node dist/outpost-agent.mjs` with no node_modules beside it.
import { build } from "esbuild";
import { chmod, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));
const outdir = `${root}dist`;

await rm(outdir, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { "outpost-agent": "src/main.ts" },
  outdir,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // The Kubernetes client sits behind a dynamic import; splitting keeps it in its own chunk so
  // a simulated agent never parses it.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  outExtension: { ".js": ".mjs" },
  // Minified source is what V8 keeps in memory; names stay for readable errors and stack traces.
  minify: true,
  keepNames: true,
  sourcemap: "linked",
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
  banner: {
    // Some bundled dependencies are CommonJS and call require() for Node built-ins.
    js: [
      "#!/usr/bin/env node",
      'import { createRequire as __outpostCreateRequire } from "node:module";',
      "const require = __outpostCreateRequire(import.meta.url);",
    ].join("\n"),
  },
});

await chmod(`${outdir}/outpost-agent.mjs`, 0o755);
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith(".mjs")) console.log(`${file.padEnd(60)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
}
