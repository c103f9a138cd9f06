import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface LocalTool {
  /** Run as `node <script>`: the bin script's own mode bits and shebang are not relied on. */
  executable: string;
  prefixArgs: string[];
  version: string;
}

/**
 * The cyclonedx-npm that Gatehouse depends on (packages/scanners), so an SBOM of an npm project
 * can be made with no download. Undefined when Gatehouse runs from a bundle without node_modules:
 * then the toolchain installs the versions-file pin (`resolveTool('cyclonedx')`).
 */
export function bundledCycloneDxNpm(): LocalTool | undefined {
  try {
    const require = createRequire(import.meta.url);
    // The package exports only its main module: its root is found from there.
    const root = dirname(require.resolve('@cyclonedx/cyclonedx-npm'));
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string; bin?: Record<string, string> | string };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['cyclonedx-npm'];
    if (manifest.name !== '@cyclonedx/cyclonedx-npm' || !bin || !manifest.version) return undefined;
    return { executable: process.execPath, prefixArgs: [join(root, bin)], version: manifest.version };
  } catch {
    return undefined;
  }
}
