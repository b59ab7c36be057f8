// Builds the centre's process (server.ts: Next.js + socket.io on one port) into one ESM file,
// dist/server.mjs, that plain `node` runs in production — no tsx, no devDependencies (the
// Dockerfile's runtime stage installs the dependencies of this package.json only).
//
// Our own code (server.ts, src/, @outpost/cluster-core) is bundled; the packages this app
// declares as dependencies stay imports, resolved from node_modules at run time. Each bundled
// module keeps seeing its own source location in import.meta.url (relative to the bundle), so
// paths it derives from it — the app directory, the generated Prisma clients — are the same
// as when it runs from source.
import { build, type Plugin } from "esbuild";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";

const webDir = dirname(fileURLToPath(import.meta.url));
const outFile = `${webDir}/dist/server.mjs`;
const pkg = JSON.parse(readFileSync(`${webDir}/package.json`, "utf8")) as { dependencies: Record<string, string> };
const runtimePackages = Object.keys(pkg.dependencies).filter((name) => !name.startsWith("@outpost/"));

/** Replaces import.meta.url in our source files by the URL the file has beside the bundle. */
const sourceLocation: Plugin = {
  name: "source-location",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const fromBundle = relative(dirname(outFile), args.path);
      const contents = readFileSync(args.path, "utf8").replaceAll("import.meta.url", `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
      return { contents, loader: "ts" };
    });
  },
};

const result = await build({
  absWorkingDir: webDir,
  entryPoints: ["server.ts"],
  outfile: outFile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Subpaths too (next/server, @prisma/client/runtime/...).
  external: runtimePackages.flatMap((name) => [name, `${name}/*`]),
  plugins: [sourceLocation],
  sourcemap: "linked",
  keepNames: true,
  metafile: true,
  logLevel: "warning",
  banner: {
    // Bundled CommonJS code may call require() for Node built-ins.
    js: 'import { createRequire as __outpostCreateRequire } from "node:module";\nconst require = __outpostCreateRequire(import.meta.url);',
  },
});

// Everything the bundle leaves to Node must be a built-in or a declared runtime dependency.
const output = result.metafile.outputs[relative(webDir, outFile)]!;
const undeclared = output.imports
  .map((i) => i.path)
  .filter((p) => !p.startsWith("node:") && !builtinModules.includes(p) && !runtimePackages.some((name) => p === name || p.startsWith(`${name}/`)));
if (undeclared.length > 0) throw new Error(`dist/server.mjs imports packages apps/web/package.json does not list as dependencies: ${[...new Set(undeclared)].join(", ")}`);
console.log(`${relative(webDir, outFile).padEnd(60)} ${(output.bytes / 1024).toFixed(0).padStart(6)} KiB`);
