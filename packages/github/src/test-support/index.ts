// Test-only helpers for other packages' tests (never imported by product code).
export { testClient } from './test-client';
export { commitSha, fakeDefaultBranchHistory, workflowRunObject, type DefaultBranchHistory } from './default-branch-history';
