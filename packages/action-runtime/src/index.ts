// @gatehouse/action-runtime: what every Gatehouse action shares, so each action's main.ts stays thin.

// Scanning actions (secrets-scan, deps-audit, sast, image-scan, sbom)
export { runScanAction, type ScanActionSpec, type ScanActionResult, type ScanPlanSetup, type ScanActionPlan } from './scan/run-scan-action';
export { scanActionInputs, scanActionInputManifest, type ScanActionInputs } from './scan/scan-action-inputs';
export { runScanPlan, nativeReportName, type RunPlanOptions, type PrepareEngine, type EnginePreparation } from './scan/run-plan';
export { resolveEngineExecutable, type ResolveEngineOptions } from './scan/resolve-engine';
export { assembleScanRun, baselineWithMarks, type FindingsTransform, type FindingsTransformResult } from './scan/assemble-scan-run';

// policy-gate
export { runGateAction, type GateActionSpec, type GateActionResult, type GateInputs } from './gate/run-gate-action';

// Shared pieces
export { SCANNING_ACTIONS, GATEHOUSE_ACTIONS, FINDINGS_ARTIFACT_PREFIX, findingsArtifactName, type ScanningActionName, type GatehouseActionName } from './common/gatehouse-actions';
export { FAIL_ON_VALUES, stepFailsOn, type FailOn } from './common/fail-on';
export { MODE_INPUT_VALUES, runModeFor, type ModeInput } from './common/run-mode';
export { filesAtRef, filesInWorkspace, workspaceThenRef, trustedFilesFor, copyTrustedFile, type TrustedFiles, type TrustedFile } from './common/trusted-files';
export { preferTrustedCommitInCheckout } from './common/trusted-files-in-checkout';
export { loadTrustedPolicy, type TrustedPolicy } from './common/trusted-policy';
export { noFindingsLedger, type FindingsLedger, type FindingsLedgerFactory, type FindingsLedgerSetup } from './common/findings-ledger';
export { artifactFindingsLedger, LEDGER_ARTIFACT, type ArtifactLedgerOptions } from './common/findings-ledger-artifact';
export { LEDGER_FILE, LEDGER_LIMITS, parseLedger, serializeLedger, type LedgerEntries, type LedgerEntry } from './common/findings-ledger-document';
export { prepareAction, actionOutputDirectory, type ActionSetup, type ActionSetupOptions } from './common/action-setup';
export { sarifCategoryScope, scopeSarifCategories, type ScopedSarif } from './common/sarif-scope';
export { runGatePublishers, type GatePublication, type GatePublisher } from './gate/gate-publisher';
export { workflowRunUrl } from './common/run-facts';
