import type { FakeGitHub, FakeRequest } from '../fake-github';
import { GITHUB_ACTIONS_BOT, githubTimestamp, issue, label, type StoredIssue } from '../github-objects';
import { paginate } from './pagination';
import { forbiddenUnless, notThisRepository } from './permission-check';

type LabelInput = string | { name?: string };

function labelNames(labels: LabelInput[] | undefined): string[] {
  return (labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter((name) => name.length > 0);
}

/** Issues (create, get, update, list with state/labels/creator filters) and labels (create, get, list, add to an issue). */
export function registerIssueHandlers(fake: FakeGitHub): void {
  const { state } = fake;
  const render = (stored: StoredIssue) => issue(fake.urls, fake.repository, stored);
  const readable = (request: FakeRequest) => notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues'], 'read');
  const writable = (request: FakeRequest) => notThisRepository(fake, request) ?? forbiddenUnless(fake, request, ['issues'], 'write');
  const findIssue = (request: FakeRequest) => state.issues.find((i) => i.number === Number(request.params.issue_number));

  fake.setDefault('POST /repos/{owner}/{repo}/issues', (request) => {
    const refused = writable(request);
    if (refused) return refused;
    const body = request.body as { title: string | number; body?: string; labels?: LabelInput[]; assignees?: string[] };
    const now = githubTimestamp();
    const stored: StoredIssue = {
      id: state.id(),
      number: state.issueNumber(),
      title: String(body.title),
      body: body.body ?? null,
      state: 'open',
      stateReason: null,
      labels: labelNames(body.labels).map((name) => state.ensureLabel(name)),
      assignees: body.assignees ?? [],
      author: GITHUB_ACTIONS_BOT,
      comments: 0,
      createdAt: now,
      updatedAt: now,
      closedAt: null,
    };
    state.issues.push(stored);
    return { status: 201, body: render(stored) };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/issues/{issue_number}', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const found = findIssue(request);
    return found ? { status: 200, body: render(found) } : fake.errorResponse(request, 404, 'Not Found');
  });

  fake.setDefault('PATCH /repos/{owner}/{repo}/issues/{issue_number}', (request) => {
    const refused = writable(request);
    if (refused) return refused;
    const found = findIssue(request);
    if (!found) return fake.errorResponse(request, 404, 'Not Found');
    const body = (request.body ?? {}) as { title?: string | number | null; body?: string | null; state?: 'open' | 'closed'; state_reason?: StoredIssue['stateReason']; labels?: LabelInput[] };
    if (body.title !== undefined && body.title !== null) found.title = String(body.title);
    if (body.body !== undefined) found.body = body.body;
    if (body.labels !== undefined) found.labels = labelNames(body.labels).map((name) => state.ensureLabel(name));
    if (body.state && body.state !== found.state) {
      found.state = body.state;
      found.closedAt = body.state === 'closed' ? githubTimestamp() : null;
      found.stateReason = body.state === 'closed' ? (body.state_reason ?? 'completed') : 'reopened';
    }
    found.updatedAt = githubTimestamp();
    return { status: 200, body: render(found) };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/issues', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const wantedState = String(request.query.state ?? 'open');
    const wantedLabels = request.query.labels ? String(request.query.labels).split(',').map((l) => l.trim().toLowerCase()) : [];
    const creator = request.query.creator ? String(request.query.creator).toLowerCase() : undefined;
    const matching = state.issues
      .filter((i) => wantedState === 'all' || i.state === wantedState)
      .filter((i) => wantedLabels.every((name) => i.labels.some((l) => l.name.toLowerCase() === name)))
      .filter((i) => creator === undefined || i.author.login.toLowerCase() === creator)
      .sort((a, b) => b.number - a.number);
    const { page, headers } = paginate(request, matching);
    return { status: 200, body: page.map(render), headers };
  });

  fake.setDefault('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', (request) => {
    const refused = writable(request);
    if (refused) return refused;
    const found = findIssue(request);
    if (!found) return fake.errorResponse(request, 404, 'Not Found');
    const names = labelNames((request.body as { labels?: LabelInput[] } | undefined)?.labels);
    for (const name of names) {
      const stored = state.ensureLabel(name);
      if (!found.labels.includes(stored)) found.labels.push(stored);
    }
    return { status: 200, body: found.labels.map((l) => label(fake.urls, fake.repository, l)) };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/labels', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const { page, headers } = paginate(request, state.labels);
    return { status: 200, body: page.map((l) => label(fake.urls, fake.repository, l)), headers };
  });

  fake.setDefault('GET /repos/{owner}/{repo}/labels/{name}', (request) => {
    const refused = readable(request);
    if (refused) return refused;
    const found = state.label(String(request.params.name));
    return found ? { status: 200, body: label(fake.urls, fake.repository, found) } : fake.errorResponse(request, 404, 'Not Found');
  });

  fake.setDefault('POST /repos/{owner}/{repo}/labels', (request) => {
    const refused = writable(request);
    if (refused) return refused;
    const body = request.body as { name: string; color?: string; description?: string };
    if (state.label(body.name)) {
      return fake.errorResponse(request, 422, 'Validation Failed', { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] });
    }
    const stored = { id: state.id(), name: body.name, color: (body.color ?? 'ededed').replace(/^#/, ''), description: body.description ?? null };
    state.labels.push(stored);
    return { status: 201, body: label(fake.urls, fake.repository, stored) };
  });
}
