import type { Category } from '@gatehouse/findings';
import type { EngineId } from '../adapter';

/**
 * What the conformance test (src/conformance.test.ts) holds each engine to. A new engine adds one
 * row to ADAPTER_CONFORMANCE and one row per real report of ../shared/fixtures to
 * FIXTURE_EXPECTATIONS; a report no registered adapter reads shows up as "not yet covered".
 */

/** One real report under ../shared/fixtures and what parsing it must give. */
export interface FixtureExpectation {
  /** `<folder>/<file>` under the fixtures folder. */
  file: string;
  /** The adapter that reads it; a file may have a row for each adapter that reads it. */
  engine: EngineId;
  /** Findings, in the adapter's counting unit. */
  findings: number;
  /** Entries the adapter may skip on this real file, and why. Absent: none may be skipped. */
  skipped?: { count: number; why: string };
  /** How many incompleteness reasons the report itself gives (an error notification, errors[]). */
  incomplete?: number;
  /** Findings kept as suppressed (inline nosemgrep / nosec / inSource). */
  suppressed?: number;
  /** Findings per category, when the file says which. */
  categories?: Partial<Record<Category, number>>;
  /** Where the numbers come from: the PROVENANCE.md note, or how they were counted. */
  basis: string;
}

export const FIXTURE_EXPECTATIONS: readonly FixtureExpectation[] = [
  // bandit (PROVENANCE.md "bandit")
  { file: 'bandit/defectdojo-no-vuln.json', engine: 'bandit', findings: 0, basis: 'PROVENANCE: empty results, metrics only' },
  { file: 'bandit/defectdojo-one-vuln.json', engine: 'bandit', findings: 1, categories: { sast: 1 }, basis: 'PROVENANCE: 1 LOW B101 assert_used' },
  { file: 'bandit/defectdojo-self-scan-47-findings.json', engine: 'bandit', findings: 47, categories: { sast: 47 }, basis: 'PROVENANCE: 47 results MEDIUM 36/LOW 11' },

  // SARIF from CodeQL (folder codeql is read by the sarif adapter)
  { file: 'codeql/codeql-action-fingerprinting2-expected.sarif', engine: 'sarif', findings: 1, categories: { sast: 1 }, basis: 'PROVENANCE: one result, location without region' },
  { file: 'codeql/codeql-action-valid-sarif.sarif', engine: 'sarif', findings: 3, categories: { sast: 3 }, basis: 'PROVENANCE: 2 runs; counted: 1 result + 2 results' },

  // SARIF written by other tools: every *.sarif also goes through the sarif adapter
  { file: 'gitleaks/sarif-defectdojo-v7.5.0.sarif', engine: 'sarif', findings: 8, categories: { secret: 8 }, basis: 'PROVENANCE: 34 rules, 8 results, no ruleId or level' },
  { file: 'gitleaks/sarif-empty-runs.sarif', engine: 'sarif', findings: 0, basis: 'PROVENANCE: "runs": [] (legal empty)' },
  { file: 'gitleaks/sarif-simple.sarif', engine: 'sarif', findings: 1, categories: { secret: 1 }, basis: 'PROVENANCE: 1 result whose rule is not declared' },
  { file: 'grype/sarif-directory.golden.sarif', engine: 'sarif', findings: 2, categories: { sca: 2 }, basis: 'PROVENANCE: directory twin of sarif-image (2 results)' },
  { file: 'grype/sarif-image.golden.sarif', engine: 'sarif', findings: 2, categories: { container: 2 }, basis: 'PROVENANCE: 2 rules, 2 results, image locations' },
  { file: 'semgrep/sarif-defectdojo-owasp-benchmark-v0.17.0.sarif', engine: 'sarif', findings: 1768, categories: { sast: 1768 }, basis: 'PROVENANCE: 28 rules, 1768 results without level' },
  { file: 'semgrep/sarif-snapshot-dataflow-traces.sarif', engine: 'sarif', findings: 1, basis: 'PROVENANCE: a result with codeFlows (counted: 1)' },
  { file: 'semgrep/sarif-snapshot-include-nosemgrep.sarif', engine: 'sarif', findings: 2, suppressed: 1, basis: 'PROVENANCE: 2 results, one with an inSource suppression' },
  { file: 'semgrep/sarif-snapshot-when-errors.sarif', engine: 'sarif', findings: 0, incomplete: 1, basis: 'PROVENANCE: 0 results; an error-level toolExecutionNotification' },
  { file: 'semgrep/sarif-snapshot-with-autofix.sarif', engine: 'sarif', findings: 2, basis: 'PROVENANCE: results carrying fixes[] (counted: 2)' },
  { file: 'semgrep/sarif-snapshot-with-source.sarif', engine: 'sarif', findings: 2, basis: 'PROVENANCE: 4 rules, 2 results with snippets' },
  { file: 'trivy/sarif-image-alpine-310.golden.sarif', engine: 'sarif', findings: 4, categories: { container: 4 }, basis: 'PROVENANCE: 2 rules, 4 results, all warning' },

  // grype (PROVENANCE.md "grype"): one finding per vulnerability (alias group) per package per target
  { file: 'grype/image-alpine-ghsa-v0.65.1.json', engine: 'grype', findings: 1, categories: { container: 1 }, basis: 'PROVENANCE: 2 Medium matches on httpclient 4.1.1: GHSA-cfh5-3ghh-wfjx (related CVE-2014-3577) and the CVE-2014-3577 cpe-match: one alias group on one package' },
  { file: 'grype/image-wolfi-chainguard-ruby-v0.61.1.json', engine: 'grype', findings: 2, categories: { container: 2 }, basis: 'PROVENANCE: 3 High matches: CVE-2023-28755 on ruby-3.0; on uri the CVE cpe-match and GHSA-hv5j-3h9f-99c2 (related CVE-2023-28755) are one group' },
  { file: 'grype/snapshot-dir-presenter.golden.json', engine: 'grype', findings: 2, categories: { sca: 2 }, basis: 'PROVENANCE: directory twin, same 2 synthetic matches on 2 packages' },
  { file: 'grype/snapshot-empty.golden.json', engine: 'grype', findings: 0, basis: 'PROVENANCE: matches: [] (legal empty)' },
  { file: 'grype/snapshot-image-presenter.golden.json', engine: 'grype', findings: 2, categories: { container: 2 }, basis: 'PROVENANCE: CVE-1999-0001/0002 on 2 packages (Low label, 8.2 vector; fix.state "")' },

  // syft, cyclonedx, spdx: SBOMs have no findings (components are counted by src/sbom/shared-fixtures.test.ts);
  // CycloneDX documents with embedded scanner vulnerabilities have one finding per vulnerability per affected component
  { file: 'syft/syft-json-alpine-3.10-schema-1.1.0.json', engine: 'syft', findings: 0, basis: 'PROVENANCE: SBOM, 14 apk artifacts' },
  { file: 'syft/syft-json-image-encoder.golden.json', engine: 'syft', findings: 0, basis: 'PROVENANCE: SBOM, 2 artifacts, no "schema" key' },
  { file: 'cyclonedx/cern-lhc-vdm-editor-bom-1.2.cdx.json', engine: 'cyclonedx', findings: 0, basis: 'PROVENANCE: SBOM, 43 npm components' },
  { file: 'cyclonedx/cisa-vex-case-2-1.4.cdx.json', engine: 'cyclonedx', findings: 0, basis: 'PROVENANCE: VEX only, 19 vulnerabilities all not_affected: statements for the policy, not findings' },
  { file: 'cyclonedx/laravel-7.12.0-bom-1.4.cdx.json', engine: 'cyclonedx', findings: 0, basis: 'PROVENANCE: SBOM, 62 components' },
  { file: 'grype/cyclonedx-vex-image.golden.cdx.json', engine: 'cyclonedx', findings: 2, categories: { container: 2 }, basis: 'PROVENANCE: 2 components + 2 vulnerabilities (no analysis), each affecting one component of a container' },
  { file: 'syft/cyclonedx-1.7-image-encoder.golden.cdx.json', engine: 'cyclonedx', findings: 0, basis: 'PROVENANCE: SBOM, 3 components (templated serialNumber: fails schema validation, still read)' },
  { file: 'trivy/cyclonedx-npm.golden.cdx.json', engine: 'cyclonedx', findings: 1, categories: { sca: 1 }, basis: 'PROVENANCE: 13 components, 1 embedded vulnerability (CVE-2019-11358 on jquery)' },
  { file: 'spdx/spdx-official-example-v2.2.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 4 packages' },
  { file: 'syft/spdx-2.2-alpine-3.10.syft.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 3 packages' },
  { file: 'syft/spdx-2.2-alpine-3.10.vendor.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 3 packages' },
  { file: 'syft/spdx-json-image-encoder.golden.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 3 packages (templated namespace)' },
  { file: 'syft/spdx-scan-action-test-sbom.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 15 packages' },
  { file: 'trivy/spdx-julia.golden.spdx.json', engine: 'spdx', findings: 0, basis: 'PROVENANCE: SBOM, 5 packages' },
];

/** What each registered adapter declares for the hostile-input and legal-empty checks. */
export interface AdapterConformance {
  engine: EngineId;
  /** Reports that say "nothing found" in this engine's format: each parses to zero findings. */
  legalEmpty: readonly { name: string; content: string }[];
  /** A real report from the adapter's own __fixtures__ (cut short for the truncation check). */
  sample: string;
}

export const ADAPTER_CONFORMANCE: readonly AdapterConformance[] = [
  {
    engine: 'sarif',
    legalEmpty: [
      { name: 'runs: []', content: '{"version":"2.1.0","runs":[]}' },
      { name: 'a run with results: []', content: '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL"}},"results":[]}]}' },
    ],
    sample: 'levels-and-rule-defaults.sarif',
  },
  {
    engine: 'bandit',
    legalEmpty: [
      {
        name: 'results: [] with zero totals',
        content:
          '{"errors":[],"generated_at":"2024-01-01T00:00:00Z","metrics":{"_totals":{"SEVERITY.HIGH":0,"SEVERITY.MEDIUM":0,"SEVERITY.LOW":0,"SEVERITY.UNDEFINED":0,"loc":0,"nosec":0}},"results":[]}',
      },
    ],
    sample: 'v1.7-cwe-columns-scoped-nosec.json',
  },
  {
    engine: 'secretlint',
    legalEmpty: [
      { name: '[] (no files linted)', content: '[]' },
      { name: 'files without messages', content: '[{"filePath":"a.txt","sourceContentType":"text","messages":[]}]' },
    ],
    sample: 'runner-suppressed-and-not-scanned.json',
  },
  // grype
  {
    engine: 'grype',
    legalEmpty: [
      { name: 'matches: [] (the empty golden)', content: '{"matches":[],"source":{"type":"unknown","target":"unknown"},"distro":{"name":"","version":"","idLike":[]},"descriptor":{"name":"grype","version":"0.120.1","timestamp":""}}' },
    ],
    sample: 'image-eol-alias-group-wont-fix-ignored.json',
  },
  // syft
  {
    engine: 'syft',
    legalEmpty: [
      { name: 'artifacts: []', content: '{"artifacts":[],"artifactRelationships":[],"source":{"id":"x","name":".","type":"directory"},"distro":{},"descriptor":{"name":"syft","version":"1.54.1"},"schema":{"version":"16.0.43","url":"https://raw.githubusercontent.com/anchore/syft/main/schema/json/schema-16.0.43.json"}}' },
    ],
    sample: 'directory-npm-dependency-of.json',
  },
  // cyclonedx
  {
    engine: 'cyclonedx',
    legalEmpty: [
      { name: 'an SBOM with no components', content: '{"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[]}' },
      { name: 'vulnerabilities: []', content: '{"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"vulnerabilities":[]}' },
    ],
    sample: 'image-vulnerabilities-and-vex-statements.cdx.json',
  },
  // spdx
  {
    engine: 'spdx',
    legalEmpty: [
      { name: 'a document with no packages', content: '{"spdxVersion":"SPDX-2.3","dataLicense":"CC0-1.0","SPDXID":"SPDXRef-DOCUMENT","name":"empty","documentNamespace":"https://example.com/empty","creationInfo":{"creators":["Tool: syft-1.54.1"],"created":"2026-11-22T08:00:00Z"},"packages":[]}' },
    ],
    sample: 'npm-project-depends-on.spdx.json',
  },
];
