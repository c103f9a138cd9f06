export * from './adapter';
export * from './registry';
export * from './report-text';
export * from './json-document';
export * from './code-location';
export * from './zod-issues';
export * from './default-registry';
export { sarifAdapter } from './sarif';
export { banditAdapter } from './bandit';
export { BANDIT_EXCLUDED_PATHS, BANDIT_EXIT_CODES, banditCommand } from './bandit/command';
export { banditSeverity } from './bandit/severity';
export { banditConfigFromPyproject, renderBanditConfig, prepareBanditRun, type BanditConfig } from './bandit/pyproject-config';
export { secretlintAdapter, secretlintRunnerPath, SECRETLINT_RUNNER_ENV, BUILT_IN_IGNORES, SECRETLINT_VERSION } from './secretlint';
export * from './secret-rules';
export * from './scan-plan';
// sast: semgrep, trivy, container hardening, and the sast plan
export { semgrepAdapter } from './semgrep';
export { DEFAULT_SEMGREP_CONFIGS, DEFAULT_SEMGREP_TIMEOUT_SECONDS, SEMGREP_EXIT_CODES, semgrepCommand } from './semgrep/command';
export { semgrepWarningEffect, type SemgrepErrorEffect } from './semgrep/error-classes';
export { trivyAdapter } from './trivy';
export { TRIVY_EXIT_CODES, TRIVY_FINDINGS_EXIT_CODE, TRIVY_CONFIG_SKIP_DIRS, trivyCommand, prepareTrivyRun, trivyRunFiles } from './trivy/command';
export { canonicalCheckId } from './trivy/rule-id';
export { containerHardeningAdapter, HARDENING_RULES, HARDENING_RULE_KEYS, disabledRules, checkFiles, fileKind, type HardeningRule, type CheckedFile } from './container-hardening';
export { planSast, isIacCandidate, MAX_CHANGED_FILES_ON_ARGV, type SastPlanInput } from './plans/sast';
export { gatherSastGitFacts, changedFiles, trackedFiles, type SastGitFacts } from './plans/sast-changes';
// secrets (issue 6)
export {
  gitleaksAdapter,
  GITLEAKS_EXIT_CODES,
  GITLEAKS_LEAKS_EXIT_CODE,
  gitleaksCommand,
  prepareGitleaksRun,
  renderDefaultGitleaksConfig,
  DEFAULT_CONFIG_FILE as GITLEAKS_DEFAULT_CONFIG_FILE,
  composeUserGitleaksConfig,
  gitleaksExtendPath,
} from './gitleaks';
export { detectSecretsAdapter, updateSecretsBaseline, SECRETS_BASELINE_FILE, type BaselineUpdate, type BaselineUpdateOptions } from './detect-secrets';
export { trufflehogAdapter, TRUFFLEHOG_EXIT_CODES } from './trufflehog';
export { planSecrets, planStagedSecretsScan, type SecretsPlanInput, type SecretsScanPlan, type EngineSwitch } from './plans/secrets';
export { resolveScanRange, type ScanEvent, type ScanRange, type FetchPolicy, type ResolveRangeOptions } from './git/scan-range';
export { materialiseTrustedSecretsConfig, presentSecretsConfigFiles, SECRETS_TRUSTED_FILES } from './git/trusted-config';
export { revisionArgs, gitleaksLogOpts, type RevisionRange } from './git/revision-args';
export { writeAddedLines, type AddedLinesSource, type AddedLinesStats } from './git/added-lines';
// deps: dependency engines, manifests, version semantics and the deps scan plan
export { pipAuditAdapter } from './pip-audit';
export { PINNED_REQUIREMENTS_FILE } from './pip-audit/prepare';
export { pipAuditReportWhenAbsent, PIP_AUDIT_EXIT_CODES } from './pip-audit/command';
export { npmAuditAdapter } from './npm-audit';
export { NPM_AUDIT_EXIT_CODES, PUBLIC_NPM_REGISTRY } from './npm-audit/command';
export { osvScannerAdapter } from './osv-scanner';
export { OSV_SCANNER_EXIT_CODES } from './osv-scanner/command';
export { osvOfflineAdapter } from './osv-offline';
export { runOsvOffline } from './osv-offline/run';
export { refreshOsvExport, withOsvOfflinePin, OSV_OFFLINE_ENGINE, type ExportDownloader, type RefreshOsvExportOptions } from './osv-offline/refresh-export';
export { enrichFromOsvExport, loadRecordsForIds } from './osv-offline/enrich';
export { loadOsvDatabase, OsvDatabase, type OsvDatabaseStats } from './osv-offline/osv-database';
export { OSV_OFFLINE_FORMAT, OSV_OFFLINE_FORMAT_VERSION, OsvOfflineReportSchema, type OsvOfflineReport } from './osv-offline/report-schema';
export { safetyAdapter } from './safety';
export { snykAdapter } from './snyk';
export * from './manifests';
export * from './versions';
export * from './plans';
// image and SBOM engines (docs/image-scan.md, docs/sbom.md). SBOM production and CycloneDX schema
// validation are in the `@gatehouse/scanners/sbom` entry point (docs/sbom.md, "Bundling").
export { grypeAdapter } from './grype';
export { GRYPE_EXIT_CODES, grypeCommand, grypeEnvironment, grypeInput, prepareGrypeRun } from './grype/command';
export { refreshGrypeDatabase, grypeDatabaseUpdateCommand, grypeDatabaseStatusCommand, readGrypeDatabaseStatus, type RefreshGrypeDatabaseOptions } from './grype/database';
export { syftAdapter } from './syft';
export { SYFT_SBOM, SYFT_EXIT_CODES } from './syft/command';
export { cycloneDxAdapter } from './cyclonedx';
export { spdxAdapter } from './spdx';
export { CDXGEN_SBOM, CYCLONEDX_NPM_SBOM, CDXGEN_EXIT_CODES } from './cdxgen/command';
export { bundledCycloneDxNpm, type LocalTool } from './cdxgen/local-bin';
export * from './trivy-image';
export { parseImageSource, imageSourceString, imageSourceLabel, checkImageRef, checkArchivePath, type ImageSource } from './container-image/image-source';
export { endOfLifeOsDraft, normaliseOsFamily, OS_END_OF_LIFE_RULE, type EndOfLifeOsInput } from './container-image/os-end-of-life';
export { readSbom, sbomComponents, sbomFormatOf } from './sbom/read-sbom';
export { validPurl, type SbomComponent, type SbomDocument, type SbomFormat, type SbomSubject } from './sbom/sbom-document';
export { mergeCycloneDx, type MergeSubject } from './sbom/merge-cyclonedx';
export type { SbomCommand, SbomGenerationRequest, SbomOutputFormat, SbomSubjectSpec, SbomTool, SbomToolProfile } from './sbom/sbom-generator';
export { planImageScan, sarifCategoryForImage, type ImagePlanInput, type ImageScanPlan } from './plans/image';
export { planSbom, npmProjects, type SbomPlan, type SbomPlanInput, type SbomGenerationStep } from './plans/sbom';
export { resolveSbomTool, SBOM_TOOL_PROFILES, type ResolvedSbomTool } from './sbom/sbom-tools';
