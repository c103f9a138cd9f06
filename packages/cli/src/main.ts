// Entry point of the CLI bundle: run, then exit with the command's code once output is flushed.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CycloneDX library (CommonJS, bundled) finds the official schema files it validates SBOMs
// against from `__dirname`/../res, and an ES module has no `__dirname`: point it at the installed
// library's own code folder (a dependency of this package), else at the bundle's folder, where
// validation then reports that it could not run (fail closed; docs/sbom.md, "Bundling").
(globalThis as { __dirname?: string }).__dirname = cycloneDxLibraryDir() ?? dirname(fileURLToPath(import.meta.url));

function cycloneDxLibraryDir(): string | undefined {
  try {
    return dirname(createRequire(import.meta.url).resolve('@cyclonedx/cyclonedx-library'));
  } catch {
    return undefined;
  }
}

const { main } = await import('./cli');
process.exitCode = await main(process.argv.slice(2));
