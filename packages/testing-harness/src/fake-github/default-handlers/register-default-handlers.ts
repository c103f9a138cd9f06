import type { FakeGitHub } from '../fake-github';
import { registerActionsArtifactHandlers } from './actions-artifacts';
import { registerCodeScanningHandlers } from './code-scanning';
import { registerIssueCommentHandlers } from './issue-comments';
import { registerIssueHandlers } from './issues';
import { registerContentHandlers } from './repository-contents';
import { registerUserHandlers } from './users';

/** The stateful handlers a fake starts with; a test's own `fake.on(...)` replaces any of them. */
export function registerDefaultHandlers(fake: FakeGitHub): void {
  registerIssueCommentHandlers(fake);
  registerCodeScanningHandlers(fake);
  registerIssueHandlers(fake);
  registerContentHandlers(fake);
  registerActionsArtifactHandlers(fake);
  registerUserHandlers(fake);
}
