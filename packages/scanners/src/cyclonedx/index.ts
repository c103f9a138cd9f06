import type { ScannerAdapter } from '../adapter';
import { parseCycloneDx } from './parse';

/**
 * CycloneDX JSON, whoever wrote it: cdxgen, cyclonedx-npm, syft, trivy, grype (with embedded
 * vulnerabilities), or a VEX document. An SBOM alone has no findings; its components are read with
 * `sbomComponents` (src/sbom). Imported, never run: the `cdxgen` engine produces these documents.
 */
export const cycloneDxAdapter: ScannerAdapter = {
  id: 'cyclonedx',
  displayName: 'CycloneDX',
  categories: ['sca', 'container'],
  formats: ['cyclonedx'],
  parse: parseCycloneDx,
};
