import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

// The CycloneDX library (CommonJS, bundled) finds its schema files from `__dirname`, which an ES
// module does not define: give the bundle's CommonJS code the bundle's own folder, so the library
// reads actions/sbom/res/schema (committed next to dist/; docs/sbom.md, "Bundling"). The library is
// loaded on first use, after this line.
(globalThis as { __dirname?: string }).__dirname = dirname(fileURLToPath(import.meta.url));

const { run } = await import('./main');
await run();
