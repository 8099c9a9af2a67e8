// Builds the card into one file inside the integration, or the unit tests for
// node's test runner.
//
//   node build.mjs                 custom_components/acupressure_mat/frontend/acupressure-mat-card.js
//   node build.mjs --outfile PATH  the card into PATH (script/card --check compares it)
//   node build.mjs --tests         test/*.test.ts into .test-build/
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
};

if (args.includes("--tests")) {
  const outdir = join(here, ".test-build");
  rmSync(outdir, { recursive: true, force: true });
  const tests = readdirSync(join(here, "test"))
    .filter((name) => name.endsWith(".test.ts"))
    .map((name) => join(here, "test", name));
  await build({
    entryPoints: tests,
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
} else {
  await build({
    entryPoints: [join(here, "src", "acupressure-mat-card.ts")],
    outfile:
      option("--outfile") ??
      join(here, "..", "custom_components", "acupressure_mat", "frontend", "acupressure-mat-card.js"),
    bundle: true,
    // One file: the editor's dynamic import() is inlined and runs only when the editor opens.
    splitting: false,
    format: "esm",
    target: "es2021",
    minify: true,
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
  });
}
