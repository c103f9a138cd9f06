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

  // semgrep (PROVENANCE.md "semgrep"; SARIF files are read by sarif, above)
  { file: 'semgrep/defectdojo-many-vulns-48.json', engine: 'semgrep', findings: 48, categories: { sast: 48 }, basis: 'PROVENANCE: 48 results ERROR 13/WARNING 35' },
  { file: 'semgrep/defectdojo-v1.30.0-cwe.json', engine: 'semgrep', findings: 5, categories: { sast: 5 }, basis: 'PROVENANCE: 5 WARNING results with cwe/owasp' },
  { file: 'semgrep/defectdojo-v1.84.1-LOW-severity.json', engine: 'semgrep', findings: 3, categories: { sast: 3 }, basis: 'PROVENANCE: 3 results, severity LOW (new vocabulary); absolute paths outside the workspace kept at repository level' },
  { file: 'semgrep/snapshot-autofix-dryrun-django-cwe.json', engine: 'semgrep', findings: 2, categories: { sast: 2 }, basis: 'PROVENANCE: 2 ERROR results with extra.fix' },
  { file: 'semgrep/snapshot-dedup-cwe-owasp-metadata.json', engine: 'semgrep', findings: 3, categories: { sast: 3 }, basis: 'PROVENANCE: 3 WARNING results, cwe/owasp as strings' },
  { file: 'semgrep/snapshot-info-message-interpolation.json', engine: 'semgrep', findings: 6, categories: { sast: 6 }, basis: 'PROVENANCE: 6 INFO results' },
  { file: 'semgrep/snapshot-nosem-disabled-28-results.json', engine: 'semgrep', findings: 28, suppressed: 21, categories: { sast: 28 }, basis: 'PROVENANCE: 28 results, is_ignored true on 21' },
  { file: 'semgrep/snapshot-with-internal-error.json', engine: 'semgrep', findings: 1, incomplete: 1, categories: { sast: 1 }, basis: 'PROVENANCE: 1 result plus an "Internal matching error" (warn): a rule gave up on the file, so the scan is incomplete for it' },
  // trivy (PROVENANCE.md "trivy"; one finding per vulnerability per package per target; the SARIF, CycloneDX and SPDX files are read by their own adapters)
  { file: 'trivy/fs-gomod.golden.json', engine: 'trivy', findings: 5, categories: { sca: 5 }, basis: 'PROVENANCE: 3 Results, 5 vulns (repository scan, so sca)' },
  { file: 'trivy/image-alpine-39-no-vulns.golden.json', engine: 'trivy', findings: 0, basis: 'PROVENANCE: no Results key (legal empty); OS family none, not end-of-life' },
  { file: 'trivy/image-alpine-39.golden.json', engine: 'trivy', findings: 7, categories: { container: 7 }, basis: 'PROVENANCE: 6 vulns; plus Metadata.OS.EOSL true, a finding of its own' },
  { file: 'trivy/image-centos-7.golden.json', engine: 'trivy', findings: 3, categories: { container: 3 }, basis: 'PROVENANCE: 3 vulns' },
  { file: 'trivy/image-debian-stretch.golden.json', engine: 'trivy', findings: 5, categories: { container: 5 }, basis: 'PROVENANCE: 5 vulns (one CVE across 4 packages: one finding each)' },
  { file: 'trivy/image-ubi-7-comprehensive.golden.json', engine: 'trivy', findings: 2, categories: { container: 2 }, basis: 'PROVENANCE: os-pkgs + lang-pkgs in an image, both container' },
  { file: 'trivy/misconfig-dockerfile.golden.json', engine: 'trivy', findings: 1, categories: { iac: 1 }, basis: 'PROVENANCE: 1 HIGH Dockerfile misconfiguration (DS-0002)' },
  { file: 'trivy/misconfig-helm.golden.json', engine: 'trivy', findings: 18, categories: { iac: 18 }, basis: 'PROVENANCE: 18 FAIL misconfigurations on a Helm chart' },
  { file: 'trivy/misconfig-terraform-remote-module.golden.json', engine: 'trivy', findings: 3, categories: { iac: 3 }, basis: 'PROVENANCE: 3 FAIL misconfigs across 2 Results' },
  { file: 'trivy/secrets.golden.json', engine: 'trivy', findings: 2, categories: { secret: 2 }, basis: 'PROVENANCE: 2 Secrets' },
  // gitleaks (PROVENANCE.md "gitleaks"; its SARIF files are the sarif adapter's rows above)
  { file: 'gitleaks/baseline-two-findings-redacted.json', engine: 'gitleaks', findings: 2, categories: { secret: 2 }, basis: 'PROVENANCE: 2 pypi-upload-token findings, Secret/Match redacted to ****' },
  { file: 'gitleaks/defectdojo-null-no-findings.json', engine: 'gitleaks', findings: 0, basis: 'PROVENANCE: the literal null (old gitleaks, no leaks)' },
  { file: 'gitleaks/defectdojo-v7-legacy-format-redacted.json', engine: 'gitleaks', findings: 6, categories: { secret: 6 }, basis: 'PROVENANCE: legacy v7 schema, 6 AWS Access Key findings, offender REDACTED' },
  { file: 'gitleaks/defectdojo-v8-many.json', engine: 'gitleaks', findings: 4, categories: { secret: 4 }, basis: 'PROVENANCE: 4 findings (aws-access-token x2, RSA-PK, generic-api-key)' },
  { file: 'gitleaks/empty.json', engine: 'gitleaks', findings: 0, basis: 'PROVENANCE: [] - no findings' },
  { file: 'gitleaks/json-simple.json', engine: 'gitleaks', findings: 1, categories: { secret: 1 }, basis: 'PROVENANCE: 1 synthetic finding (test-rule)' },
  { file: 'gitleaks/template-jsonextra.json', engine: 'gitleaks', findings: 1, categories: { secret: 1 }, basis: 'PROVENANCE: jsonextra report template output, 1 finding with Line' },
  { file: 'gitleaks/upstream-v7-legacy-format-3-findings.json', engine: 'gitleaks', findings: 3, categories: { secret: 3 }, basis: 'PROVENANCE: legacy v7 schema, 3 findings' },

  // detect-secrets (PROVENANCE.md "detect-secrets")
  { file: 'detect-secrets/v0.11.0-audited-is_secret.json', engine: 'detect-secrets', findings: 10, suppressed: 8, categories: { secret: 10 }, basis: 'PROVENANCE: 10 secrets, is_secret: false on 8 entries' },
  { file: 'detect-secrets/v0.14.2-test-baseline.json', engine: 'detect-secrets', findings: 29, categories: { secret: 29 }, basis: 'PROVENANCE: legacy 0.14 schema, 29 secrets in 13 files' },

  // trufflehog (PROVENANCE.md "trufflehog")
  { file: 'trufflehog/defectdojo-v3-git-base64-raw.jsonl', engine: 'trufflehog', findings: 4, categories: { secret: 4 }, basis: 'PROVENANCE: 4 JSONL records, base64 Raw, all Verified' },
  { file: 'trufflehog/defectdojo-v3-github-base64-raw.jsonl', engine: 'trufflehog', findings: 4, categories: { secret: 4 }, basis: 'PROVENANCE: the same 4 findings via trufflehog github' },
  { file: 'trufflehog/heimdall-docker-pretty-array.json', engine: 'trufflehog', findings: 50, categories: { secret: 50 }, basis: 'PROVENANCE: 50 findings from trufflehog docker, re-wrapped as a pretty array' },
  { file: 'trufflehog/heimdall-git-pretty-array.json', engine: 'trufflehog', findings: 3, categories: { secret: 3 }, basis: 'PROVENANCE: pretty array of 3 verified git findings' },
  { file: 'trufflehog/readme-git-verified-aws.jsonl', engine: 'trufflehog', findings: 1, categories: { secret: 1 }, basis: 'PROVENANCE: single JSON line, verified AWS key' },
  // deps: pip-audit (PROVENANCE.md "pip-audit"); skip_reason entries make the run incomplete
  { file: 'pip-audit/defectdojo-legacy-toplevel-array.json', engine: 'pip-audit', findings: 7, incomplete: 1, categories: { sca: 7 }, basis: 'PROVENANCE: legacy array, 7 vulns, one skip_reason entry (azure-devops)' },
  { file: 'pip-audit/defectdojo-skip-reason.json', engine: 'pip-audit', findings: 0, incomplete: 1, basis: 'PROVENANCE: 2.x shape, no vulns, one skip_reason entry' },

  // deps: npm audit (PROVENANCE.md "npm-audit"); counted one per advisory per package, metavulns (via strings only) not counted
  { file: 'npm-audit/arborist-all-severity-levels.json', engine: 'npm-audit', findings: 18, categories: { sca: 18 }, basis: 'PROVENANCE: 16 entries; counted: 18 advisory objects in via, 6 metavuln entries without one' },
  { file: 'npm-audit/arborist-dep-not-from-registry.json', engine: 'npm-audit', findings: 1, basis: 'PROVENANCE: 1 vuln (minimist 1179)' },
  { file: 'npm-audit/arborist-dep-vuln-own-advisory.json', engine: 'npm-audit', findings: 2, basis: 'PROVENANCE: minimist 1179 and mkdirp 42069 (mkdirp also via "minimist")' },
  { file: 'npm-audit/arborist-metavuln-non-registry.json', engine: 'npm-audit', findings: 1, basis: 'PROVENANCE: minimist 1179; the git dep is a metavuln only' },
  { file: 'npm-audit/arborist-nyc-mkdirp.json', engine: 'npm-audit', findings: 13, categories: { sca: 13 }, basis: 'PROVENANCE: 13 entries; counted: 13 advisory objects, 6 metavulns' },
  { file: 'npm-audit/arborist-unfixable.json', engine: 'npm-audit', findings: 1, basis: 'PROVENANCE: 2 low entries; counted: minimist 1179, mkdirp is a metavuln' },
  { file: 'npm-audit/cli-json-audit-one-high.json', engine: 'npm-audit', findings: 1, basis: 'PROVENANCE: 1 high direct vuln' },
  { file: 'npm-audit/defectdojo-v7plus-issue-10801.json', engine: 'npm-audit', findings: 1, basis: 'PROVENANCE: 1 moderate vuln, metadata says high:1 (noted, tolerated)' },
  { file: 'npm-audit/defectdojo-v7plus-no-vuln.json', engine: 'npm-audit', findings: 0, basis: 'PROVENANCE: vulnerabilities {}' },

  // deps: osv-scanner (PROVENANCE.md "osv-scanner"); one per package per alias group, license violations one per package
  { file: 'osv-scanner/ci-results-empty.json', engine: 'osv-scanner', findings: 0, basis: 'PROVENANCE: results [] + experimental_config' },
  { file: 'osv-scanner/ci-results-some-with-experimental-config.json', engine: 'osv-scanner', findings: 1, basis: 'PROVENANCE: 1 Go vuln' },
  { file: 'osv-scanner/ci-test-vuln-results-a.json', engine: 'osv-scanner', findings: 2, categories: { sca: 2 }, basis: 'PROVENANCE: 3 vulns in 2 groups (RUSTSEC + GHSA of one CVE)' },
  { file: 'osv-scanner/ci-test-vuln-results-b.json', engine: 'osv-scanner', findings: 2, categories: { sca: 2 }, basis: 'PROVENANCE: 4 vulns in 2 groups' },
  { file: 'osv-scanner/defectdojo-real-yarn-1-vuln.json', engine: 'osv-scanner', findings: 1, basis: 'PROVENANCE: 1 npm vuln (MAL- record)' },
  { file: 'osv-scanner/snapshot-deprecated-package.json', engine: 'osv-scanner', findings: 0, basis: 'PROVENANCE: a deprecated package, no vulnerabilities (a note, not a finding)' },
  { file: 'osv-scanner/snapshot-mixed-called-vulns-and-license-violations.json', engine: 'osv-scanner', findings: 6, categories: { sca: 6 }, basis: 'counted: 3 groups + 3 packages with license_violations' },
  { file: 'osv-scanner/snapshot-multi-ecosystem-some-uncalled.json', engine: 'osv-scanner', findings: 6, basis: 'PROVENANCE: 6 vulns, one group each' },
  { file: 'osv-scanner/snapshot-one-vuln-max-severity.json', engine: 'osv-scanner', findings: 1, basis: 'PROVENANCE: 1 group, max_severity "9"' },

  // deps: safety (PROVENANCE.md "safety"), parse-only
  { file: 'safety/upstream-report-v2.0b1.json', engine: 'safety', findings: 1, basis: 'PROVENANCE: 1 vuln on insecure-package, CVE and severity null' },
  { file: 'safety/upstream-report-with-remediations-v2.0.0.dev6.json', engine: 'safety', findings: 4, categories: { sca: 4 }, basis: 'PROVENANCE: 4 django vulns, CVE string and object' },

  // deps: snyk (PROVENANCE.md "snyk"), parse-only; one per vulnerability per package version per project
  { file: 'snyk/defectdojo-all-projects-array.json', engine: 'snyk', findings: 4, categories: { sca: 4 }, basis: 'PROVENANCE: array of 3 projects; counted 1 + 2 + 1' },
  { file: 'snyk/defectdojo-container-epss.json', engine: 'snyk', findings: 13, categories: { container: 13 }, basis: 'PROVENANCE: uniqueCount 13: 1 deb vuln + 12 in the npm application' },
  { file: 'snyk/defectdojo-maven-one-vuln.json', engine: 'snyk', findings: 1, basis: 'PROVENANCE: 1 medium vuln' },
  { file: 'snyk/defectdojo-no-vulns-ok-true.json', engine: 'snyk', findings: 0, basis: 'PROVENANCE: ok: true, vulnerabilities []' },
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

  // sast: semgrep
  {
    engine: 'semgrep',
    legalEmpty: [
      { name: 'results: [] (semgrep < 0.92, no version)', content: '{"results":[],"errors":[],"paths":{"scanned":[]}}' },
      { name: 'results: [] with version and skipped_rules', content: '{"version":"1.156.0","results":[],"errors":[],"paths":{"scanned":[]},"skipped_rules":[]}' },
    ],
    sample: 'v1-vocabularies-nosemgrep-secret-partial.json',
  },
  {
    engine: 'trivy',
    legalEmpty: [
      { name: 'no Results key (nothing found)', content: '{"SchemaVersion":2,"ArtifactName":".","ArtifactType":"repository"}' },
      { name: 'Results: [] for an image', content: '{"SchemaVersion":2,"ArtifactName":"alpine:3.20","ArtifactType":"container_image","Results":[]}' },
      { name: 'Results: null', content: '{"SchemaVersion":2,"ArtifactName":"apps","ArtifactType":"filesystem","Results":null}' },
    ],
    sample: 'config-dockerfile-helm-exception-pass.json',
  },
  {
    engine: 'container-hardening',
    legalEmpty: [
      { name: 'no Dockerfiles or compose files', content: '{"tool":"gatehouse-container-hardening","schemaVersion":1,"rules":[],"scanned":[],"results":[],"errors":[]}' },
    ],
    sample: 'report-vulnerable-app-and-broken-compose.json',
  },

  // secrets (issue 6)
  {
    engine: 'gitleaks',
    legalEmpty: [
      { name: '[] (gitleaks 8, no leaks)', content: '[]' },
      { name: 'null (old gitleaks, no leaks)', content: 'null' },
    ],
    sample: 'v8-history-two-leaks.json',
  },
  {
    engine: 'detect-secrets',
    legalEmpty: [
      { name: 'a 1.x scan with no results', content: '{"version":"1.5.0","plugins_used":[],"filters_used":[],"results":{},"generated_at":"2024-01-01T00:00:00Z"}' },
      { name: 'a 0.x baseline with no results', content: '{"exclude":{"files":null,"lines":null},"generated_at":"2020-01-01T00:00:00Z","plugins_used":[],"results":{},"version":"0.14.2"}' },
    ],
    sample: 'v1.5-audited-baseline.json',
  },
  {
    engine: 'trufflehog',
    legalEmpty: [
      { name: 'no output (trufflehog prints nothing when it finds nothing)', content: '' },
      { name: 'a blank line', content: '   \n' },
      { name: '[] (a re-wrapped report of nothing)', content: '[]' },
    ],
    sample: 'v3-git-filesystem-docker.jsonl',
  },

  // deps: dependency engines
  {
    engine: 'pip-audit',
    legalEmpty: [
      { name: 'no dependencies', content: '{"dependencies": [], "fixes": []}' },
      { name: 'dependencies without vulnerabilities', content: '{"dependencies": [{"name": "six", "version": "1.16.0", "vulns": []}], "fixes": []}' },
    ],
    sample: 'v2-demo-api.json',
  },
  {
    engine: 'npm-audit',
    legalEmpty: [{ name: 'vulnerabilities: {}', content: '{"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {"vulnerabilities": {"info": 0, "low": 0, "moderate": 0, "high": 0, "critical": 0, "total": 0}}}' }],
    sample: 'v2-demo-web.json',
  },
  {
    engine: 'osv-scanner',
    legalEmpty: [{ name: 'results: [] with its config', content: '{"results": [], "experimental_config": {"licenses": {"summary": false, "allowlist": null}}}' }],
    sample: 'v2-demo-web-with-license-violation.json',
  },
  {
    engine: 'osv-offline',
    legalEmpty: [
      {
        name: 'no results',
        content:
          '{"format": "gatehouse-osv-offline", "formatVersion": 1, "engineVersion": "1.0.0", "database": {"source": "osv", "recordsSeen": 1, "recordsKept": 0, "withdrawnIgnored": 0, "ecosystems": ["npm"]}, "inputs": [], "results": [], "incomplete": [], "notes": []}',
      },
    ],
    sample: 'report-vulnerable-app.json',
  },
  {
    engine: 'safety',
    legalEmpty: [{ name: 'vulnerabilities: []', content: '{"report_meta": {"safety_version": "2.3.5"}, "scanned_packages": {}, "affected_packages": {}, "announcements": [], "vulnerabilities": [], "ignored_vulnerabilities": [], "remediations": {}}' }],
    sample: 'v2-cve-string-object-and-ignored.json',
  },
  {
    engine: 'snyk',
    legalEmpty: [{ name: 'ok: true', content: '{"vulnerabilities": [], "ok": true, "dependencyCount": 3, "packageManager": "npm", "summary": "No known vulnerabilities"}' }],
    sample: 'npm-project-paths-license-and-ignore.json',
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
