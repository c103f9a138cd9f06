import type { FakeGitHub, FakeRequest } from '../fake-github';
import { GITHUB_ACTIONS_BOT, githubTimestamp, issueComment } from '../github-objects';
import { paginate } from './pagination';
import { forbiddenUnless, notThisRepository } from './permission-check';

/** GitHub refuses comment bodies longer than this. */
export const COMMENT_BODY_MAX_CHARACTERS = 65_536;

function tooLong(fake: FakeGitHub, request: FakeRequest, body: string) {
  if (body.length <= COMMENT_BODY_MAX_CHARACTERS) return undefined;
  return fake.errorResponse(request, 422, 'Validation Failed', {
    errors: [{ resource: 'IssueComment', code: 'unprocessable', field: 'data', message: 'Body is too long (maximum is 65536 characters)' }],
  });
}

/** Issue and pull request comments: list (paginated), get, create, update, delete. Comments on PRs use the PR number. */
export function registerIssueCommentHandlers(fake: FakeGitHub): void {
  const { state } = fake;
  const render = (comment: (typeof state.comments)[number]) => issueComment(fake.urls, fake.repository, comment);

  fake.setDefault('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues', 'pull_requests'], 'read');
    if (refused) return refused;
    const since = request.query.since ? Date.parse(String(request.query.since)) : undefined;
    const all = state.commentsOn(Number(request.params.issue_number)).filter((c) => since === undefined || Date.parse(c.updatedAt) >= since);
    const { page, headers } = paginate(request, all);
    return { status: 200, body: page.map(render), headers };
  });

  fake.setDefault('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', (request) => {
    const body = String((request.body as { body: string }).body);
    const refused =
      notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues', 'pull_requests'], 'write') ?? tooLong(fake, request, body);
    if (refused) return refused;
    const comment = state.addComment(Number(request.params.issue_number), body, GITHUB_ACTIONS_BOT);
    return { status: 201, body: render(comment), headers: { location: `${fake.url}/repos/${fake.repository.owner}/${fake.repository.repo}/issues/comments/${comment.id}` } };
  });

  const findComment = (request: FakeRequest) => state.comments.find((c) => c.id === Number(request.params.comment_id));

  fake.setDefault('GET /repos/{owner}/{repo}/issues/comments/{comment_id}', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues', 'pull_requests'], 'read');
    if (refused) return refused;
    const comment = findComment(request);
    return comment ? { status: 200, body: render(comment) } : fake.errorResponse(request, 404, 'Not Found');
  });

  fake.setDefault('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', (request) => {
    const body = String((request.body as { body: string }).body);
    const refused =
      notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues', 'pull_requests'], 'write') ?? tooLong(fake, request, body);
    if (refused) return refused;
    const comment = findComment(request);
    if (!comment) return fake.errorResponse(request, 404, 'Not Found');
    comment.body = body;
    comment.updatedAt = githubTimestamp();
    return { status: 200, body: render(comment) };
  });

  fake.setDefault('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', (request) => {
    const refused = notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues', 'pull_requests'], 'write');
    if (refused) return refused;
    const index = state.comments.findIndex((c) => c.id === Number(request.params.comment_id));
    if (index < 0) return fake.errorResponse(request, 404, 'Not Found');
    state.comments.splice(index, 1);
    return { status: 204 };
  });
}
