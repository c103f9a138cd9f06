import { z } from 'zod';

/**
 * The parts of GitHub's webhook payloads Gatehouse reads, validated. Everything else in the payload
 * is dropped by parsing; what is kept is data (branch names, logins) and is never interpreted.
 */

export const COMMIT_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

export const Sha = z.string().regex(COMMIT_SHA, 'must be a 40- or 64-character hexadecimal commit SHA');

/** Git refs and branch names: bounded, no NUL; otherwise any text (they are data). */
export const RefText = z.string().min(1).max(1024).refine((value) => !value.includes('\0'), 'must not contain NUL');

const Login = z.string().min(1).max(100);

const RepositoryPayload = z.object({
  id: z.number().int().optional(),
  full_name: z.string().min(3).max(200),
  default_branch: RefText.optional(),
  fork: z.boolean().optional(),
});

const Side = z.object({
  ref: RefText,
  sha: Sha,
  // null when the fork that held the head branch was deleted
  repo: RepositoryPayload.nullable(),
});

export const PullRequestPayload = z.object({
  action: z.string().max(100).optional(),
  number: z.number().int().positive(),
  pull_request: z.object({
    number: z.number().int().positive().optional(),
    draft: z.boolean().optional(),
    merge_commit_sha: Sha.nullable().optional(),
    user: z.object({ login: Login }).nullable().optional(),
    base: Side.extend({ repo: RepositoryPayload }),
    head: Side,
  }),
  repository: RepositoryPayload,
});

export const PushPayload = z.object({
  ref: RefText,
  before: Sha,
  after: Sha,
  created: z.boolean().optional(),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  base_ref: RefText.nullable().optional(),
  pusher: z.object({ name: z.string().max(256) }).optional(),
  repository: RepositoryPayload,
});

export const WorkflowDispatchPayload = z.object({
  ref: RefText.optional(),
  // Read as unknown and copied into a Map by hand: input names are user-chosen keys ("__proto__").
  inputs: z.unknown().optional(),
  workflow: z.string().max(1024).optional(),
  repository: RepositoryPayload,
});

export const MergeGroupPayload = z.object({
  merge_group: z.object({ head_sha: Sha, head_ref: RefText, base_sha: Sha, base_ref: RefText }),
  repository: RepositoryPayload,
});

/** Any other event: the repository, when the payload has one. */
export const OtherPayload = z.object({ repository: RepositoryPayload.optional() });
