import type { FakeGitHub } from '../fake-github';
import { NOT_ACCESSIBLE } from './permission-check';

/**
 * GET /user: every token the fake issues is an installation token (GITHUB_TOKEN), which GitHub
 * answers with 403 "Resource not accessible by integration".
 */
export function registerUserHandlers(fake: FakeGitHub): void {
  fake.setDefault('GET /user', (request) => fake.errorResponse(request, 403, NOT_ACCESSIBLE));
}
