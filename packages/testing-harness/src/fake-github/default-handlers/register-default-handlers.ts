import type { FakeGitHub } from '../fake-github';
import { registerCodeScanningHandlers } from './code-scanning';
import { registerIssueCommentHandlers } from './issue-comments';
import { registerIssueHandlers } from './issues';
import { registerContentHandlers } from './repository-contents';

/** The stateful handlers a fake starts with; a test's own `fake.on(...)` replaces any of them. */
export function registerDefaultHandlers(fake: FakeGitHub): void {
  registerIssueCommentHandlers(fake);
  registerCodeScanningHandlers(fake);
  registerIssueHandlers(fake);
  registerContentHandlers(fake);
}
