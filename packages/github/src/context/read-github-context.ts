import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ConfigurationError, ParseError } from '@gatehouse/findings';
import type { z } from 'zod';
import { parseRepository } from '../client/repository-ref';
import {
  COMMIT_SHA,
  MergeGroupPayload,
  OtherPayload,
  PullRequestPayload,
  PushPayload,
  WorkflowDispatchPayload,
} from './event-payload-schemas';
import type { GitHubContext, GitHubEvent } from './github-context';

/** GitHub caps webhook payloads at 25 MB; anything bigger did not come from GitHub. */
const MAX_EVENT_BYTES = 25 * 1024 * 1024;
const MAX_INPUTS = 100;
const MAX_INPUT_CHARACTERS = 65_536;

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new ConfigurationError(`${name} is not set: is this running in GitHub Actions?`);
  return value;
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback?: number): number {
  const text = env[name];
  if ((text === undefined || text === '') && fallback !== undefined) return fallback;
  if (!/^\d{1,20}$/.test(text ?? '') || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new ConfigurationError(`${name}: ${JSON.stringify(text ?? '').slice(0, 60)} is not a positive whole number`);
  }
  return Number(text);
}

function readCapped(path: string): string {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw new ConfigurationError(`GITHUB_EVENT_PATH: cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    const { size } = fstatSync(descriptor);
    if (size > MAX_EVENT_BYTES) throw new ParseError(`event payload of ${size} bytes is over the ${MAX_EVENT_BYTES}-byte cap`, path);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const count = readSync(descriptor, buffer, read, size - read, read);
      if (count === 0) break;
      read += count;
    }
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}

function parsePayload<T extends z.ZodType>(schema: T, payload: unknown, path: string, eventName: string): z.output<T> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length ? issue.path.join('.') : '(root)';
  throw new ParseError(`${eventName} payload: ${where}: ${issue.message}`, path);
}

function inputsMap(inputs: unknown, path: string): Map<string, string> {
  const map = new Map<string, string>();
  if (inputs === undefined || inputs === null) return map;
  if (typeof inputs !== 'object' || Array.isArray(inputs)) throw new ParseError('workflow_dispatch payload: inputs: must be an object', path);
  const entries = Object.entries(inputs);
  if (entries.length > MAX_INPUTS) throw new ParseError(`workflow_dispatch payload: more than ${MAX_INPUTS} inputs`, path);
  for (const [name, value] of entries) {
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new ParseError(`workflow_dispatch payload: inputs.${name.slice(0, 100)}: must be text, a number or a boolean`, path);
    }
    const text = value === null ? '' : String(value);
    if (text.length > MAX_INPUT_CHARACTERS) throw new ParseError(`workflow_dispatch payload: inputs.${name.slice(0, 100)}: longer than ${MAX_INPUT_CHARACTERS} characters`, path);
    map.set(name, text);
  }
  return map;
}

interface RepositoryFields {
  id?: number | undefined;
  full_name: string;
  default_branch?: string | undefined;
}

function toEvent(eventName: string, payload: unknown, path: string): { event: GitHubEvent; repository: RepositoryFields | undefined } {
  switch (eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const data = parsePayload(PullRequestPayload, payload, path, eventName);
      const { base, head } = data.pull_request;
      const baseRepository = base.repo.full_name;
      const headRepository = head.repo?.full_name ?? null;
      return {
        repository: data.repository,
        event: {
          kind: 'pull_request',
          name: eventName,
          action: data.action,
          number: data.number,
          draft: data.pull_request.draft ?? false,
          author: data.pull_request.user?.login,
          base: { ref: base.ref, sha: base.sha, repository: baseRepository },
          head: { ref: head.ref, sha: head.sha, repository: headRepository },
          // A deleted fork (head.repo null) counts as a fork: fail towards the read-only case.
          isFork: headRepository !== baseRepository,
        },
      };
    }
    case 'push': {
      const data = parsePayload(PushPayload, payload, path, eventName);
      return {
        repository: data.repository,
        event: {
          kind: 'push',
          ref: data.ref,
          before: data.before,
          after: data.after,
          created: data.created ?? false,
          deleted: data.deleted ?? false,
          forced: data.forced ?? false,
          baseRef: data.base_ref ?? null,
          pusher: data.pusher?.name,
        },
      };
    }
    case 'workflow_dispatch': {
      const data = parsePayload(WorkflowDispatchPayload, payload, path, eventName);
      return { repository: data.repository, event: { kind: 'workflow_dispatch', ref: data.ref, inputs: inputsMap(data.inputs, path), workflow: data.workflow } };
    }
    case 'merge_group': {
      const data = parsePayload(MergeGroupPayload, payload, path, eventName);
      const group = data.merge_group;
      return {
        repository: data.repository,
        event: { kind: 'merge_group', headSha: group.head_sha, headRef: group.head_ref, baseSha: group.base_sha, baseRef: group.base_ref },
      };
    }
    default: {
      const data = parsePayload(OtherPayload, payload, path, eventName);
      return { repository: data.repository, event: { kind: 'other', name: eventName } };
    }
  }
}

/**
 * The run's context from the runner's environment and the event payload at GITHUB_EVENT_PATH, read
 * once and validated. Payload values (branch names, logins, inputs) are kept as data: nothing here
 * interprets them. A payload that is missing what its event must have is a ParseError naming the
 * field; a missing variable is a ConfigurationError.
 */
export function readGitHubContext(env: NodeJS.ProcessEnv = process.env): GitHubContext {
  const eventName = required(env, 'GITHUB_EVENT_NAME');
  if (!/^[a-z_]{1,64}$/.test(eventName)) throw new ConfigurationError(`GITHUB_EVENT_NAME: ${JSON.stringify(eventName).slice(0, 80)} is not an event name`);
  const path = required(env, 'GITHUB_EVENT_PATH');
  const text = readCapped(path);
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    throw new ParseError(`event payload is not JSON: ${(error as Error).message}`, path);
  }
  const { event, repository: payloadRepository } = toEvent(eventName, payload, path);

  const repository = parseRepository(required(env, 'GITHUB_REPOSITORY'));
  const fullName = `${repository.owner}/${repository.repo}`;
  // The payload's repository must be the one the run belongs to; a mismatch means a forged or stale payload.
  if (payloadRepository && payloadRepository.full_name.toLowerCase() !== fullName.toLowerCase()) {
    throw new ParseError(`${eventName} payload: repository.full_name ${JSON.stringify(payloadRepository.full_name)} is not GITHUB_REPOSITORY (${fullName})`, path);
  }
  const sha = required(env, 'GITHUB_SHA');
  if (!COMMIT_SHA.test(sha)) throw new ConfigurationError(`GITHUB_SHA: ${JSON.stringify(sha).slice(0, 80)} is not a commit SHA`);
  const repositoryId = env.GITHUB_REPOSITORY_ID ? positiveInteger(env, 'GITHUB_REPOSITORY_ID') : payloadRepository?.id;

  return {
    eventName,
    event,
    repository: { ...repository, fullName, id: repositoryId, defaultBranch: payloadRepository?.default_branch },
    sha,
    ref: required(env, 'GITHUB_REF'),
    actor: env.GITHUB_ACTOR ?? '',
    runId: positiveInteger(env, 'GITHUB_RUN_ID'),
    runAttempt: positiveInteger(env, 'GITHUB_RUN_ATTEMPT', 1),
    job: env.GITHUB_JOB ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
    workspace: env.GITHUB_WORKSPACE || undefined,
  };
}
