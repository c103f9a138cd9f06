import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeReport } from '../report-text';
import { readSbom, sbomComponents } from './read-sbom';

/**
 * Every SBOM of ../shared/fixtures (syft JSON, CycloneDX, SPDX) reads with the component count its
 * PROVENANCE.md note gives, and with purls only where the document has real ones.
 */
const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'fixtures');

const EXPECTED: readonly { file: string; components: number; purls: number; basis: string }[] = [
  { file: 'cyclonedx/cern-lhc-vdm-editor-bom-1.2.cdx.json', components: 43, purls: 43, basis: '43 npm components' },
  { file: 'cyclonedx/cisa-vex-case-2-1.4.cdx.json', components: 0, purls: 0, basis: 'VEX-only document: 0 components' },
  { file: 'cyclonedx/laravel-7.12.0-bom-1.4.cdx.json', components: 62, purls: 62, basis: '62 components' },
  { file: 'grype/cyclonedx-vex-image.golden.cdx.json', components: 2, purls: 1, basis: '2 components (package-1 has a CPE, no purl)' },
  { file: 'syft/cyclonedx-1.7-image-encoder.golden.cdx.json', components: 3, purls: 1, basis: '3 components; "a-purl-1" is a placeholder and the OS has no purl' },
  { file: 'trivy/cyclonedx-npm.golden.cdx.json', components: 13, purls: 12, basis: '13 components (package-lock.json itself has no purl)' },
  { file: 'spdx/spdx-official-example-v2.2.spdx.json', components: 4, purls: 0, basis: '4 packages, no purl references' },
  { file: 'syft/spdx-2.2-alpine-3.10.syft.spdx.json', components: 3, purls: 3, basis: '3 packages with purl externalRefs' },
  { file: 'syft/spdx-2.2-alpine-3.10.vendor.spdx.json', components: 3, purls: 0, basis: '3 packages from another generator, no purls' },
  { file: 'syft/spdx-json-image-encoder.golden.spdx.json', components: 3, purls: 2, basis: '3 packages; "a-purl-1" is a placeholder, not a purl' },
  { file: 'syft/spdx-scan-action-test-sbom.spdx.json', components: 15, purls: 15, basis: '15 packages' },
  { file: 'trivy/spdx-julia.golden.spdx.json', components: 5, purls: 3, basis: '5 packages (Manifest.toml and the root have no purl)' },
  { file: 'syft/syft-json-alpine-3.10-schema-1.1.0.json', components: 14, purls: 14, basis: '14 apk artifacts' },
  { file: 'syft/syft-json-image-encoder.golden.json', components: 2, purls: 1, basis: '2 artifacts; "a-purl-1" is a placeholder' },
];

describe.skipIf(!existsSync(FIXTURES))('SBOMs in ../shared/fixtures', () => {
  it.each(EXPECTED)('$file has $components components ($basis)', ({ file, components, purls }) => {
    const text = decodeReport(readFileSync(join(FIXTURES, file)), file);
    const read = sbomComponents(text, file);
    expect(read).toHaveLength(components);
    expect(read.filter((c) => c.purl)).toHaveLength(purls);
    expect(read.every((c) => c.purl === undefined || c.purl.startsWith('pkg:'))).toBe(true);
    expect(readSbom(text, file).skipped).toEqual([]);
  });

  it('reads the dependency graph where the document has one', () => {
    const trivy = readSbom(readFileSync(join(FIXTURES, 'trivy/cyclonedx-npm.golden.cdx.json'), 'utf8'), 'trivy.cdx.json');
    expect(trivy.hasDependencyGraph).toBe(true);
    expect(trivy.dependencies.get('3ff14136-e09f-4df9-80ea-000000000002')).toEqual(['pkg:npm/jquery@3.3.9', 'pkg:npm/promise@8.0.3', 'pkg:npm/react@16.8.6', 'pkg:npm/redux@4.0.1']);
    const cern = readSbom(readFileSync(join(FIXTURES, 'cyclonedx/cern-lhc-vdm-editor-bom-1.2.cdx.json'), 'utf8'), 'cern.cdx.json');
    expect(cern.hasDependencyGraph).toBe(false);
  });
});
