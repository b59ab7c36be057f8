// Bundles the agent into ONE self-contained ESM file for devices: `node outpost-agent.mjs` from any
// directory, with nothing beside it (no node_modules, no chunks; the source map beside it is only
// for debugging). The Kubernetes client is still started lazily: it is reached only through dynamic
// import()s (drivers/create-driver.ts, run-agent.ts), which esbuild turns into calls of lazily
// evaluated wrappers inside this one file, so a simulated agent never evaluates it (measured in
// docs/benchmarks.md, bench:footprint).
import { build } from "esbuild";
import { builtinModules } from "node:module";
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
  // Everything in one file: a device gets exactly one file (README, "Connecting a real k3s cluster").
  splitting: false,
  outExtension: { ".js": ".mjs" },
  // Minified source is what V8 keeps in memory; names stay for readable errors and stack traces.
  minify: true,
  keepNames: true,
  sourcemap: "linked",
  // The licence notes travel inside the file.
  legalComments: "eof",
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

// One file that needs nothing but Node: any other output, or an import left for Node to resolve
// that is not one of its built-in modules, would break a copy of the file on a device. (ws and
// node-fetch try to require() these native speed-ups and carry on without them.)
const OPTIONAL = ["bufferutil", "utf-8-validate", "encoding"];
const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith(".map"));
const foreign = outputs.flatMap(([, output]) =>
  output.imports
    .filter((i) => !i.path.startsWith("node:") && !builtinModules.includes(i.path) && !(i.kind === "require-call" && OPTIONAL.includes(i.path)))
    .map((i) => `${i.path} (${i.kind})`),
);
if (outputs.length !== 1 || foreign.length > 0) {
  throw new Error(`the agent must build to one self-contained file; got ${outputs.map(([f]) => f).join(", ")}${foreign.length ? `, importing ${foreign.join(", ")}` : ""}`);
}
await chmod(`${outdir}/outpost-agent.mjs`, 0o755);
for (const [file, output] of outputs) console.log(`${file.padEnd(60)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
