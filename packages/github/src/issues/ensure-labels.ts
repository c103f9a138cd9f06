import { ConfigurationError } from '@gatehouse/findings';
import { callGitHub } from '../client/classify-error';
import type { GitHubClient } from '../client/create-github-client';
import { NotFound, ValidationFailed } from '../client/github-api-error';

export interface IssueLabel {
  name: string;
  /** Six hex digits, without "#". */
  color?: string;
  description?: string;
}

const ensured = new WeakMap<GitHubClient, Set<string>>();

export function toIssueLabel(label: string | IssueLabel): IssueLabel {
  const value = typeof label === 'string' ? { name: label } : label;
  const name = value.name.trim();
  if (!name || name.length > 50 || /[\0-\x1f,]/.test(name)) throw new ConfigurationError(`label ${JSON.stringify(value.name).slice(0, 80)} must be 1 to 50 characters without commas or control characters`);
  if (value.color !== undefined && !/^[0-9A-Fa-f]{6}$/.test(value.color)) throw new ConfigurationError(`label ${name}: color ${JSON.stringify(value.color)} must be six hex digits`);
  if (value.description !== undefined && value.description.length > 100) throw new ConfigurationError(`label ${name}: the description is over 100 characters`);
  return { ...value, name };
}

/**
 * Makes sure each label exists in the repository, creating missing ones with their color and
 * description (GitHub would otherwise create them grey when an issue names them). Asked once per
 * client and label; a label created concurrently by another job is fine.
 */
export async function ensureLabels(client: GitHubClient, labels: readonly IssueLabel[]): Promise<void> {
  const known = ensured.get(client) ?? new Set<string>();
  ensured.set(client, known);
  for (const label of labels) {
    const key = label.name.toLowerCase();
    if (known.has(key)) continue;
    try {
      await callGitHub('GET /repos/{owner}/{repo}/labels/{name}', () => client.octokit.rest.issues.getLabel({ ...client.repository, name: label.name }));
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
      try {
        await callGitHub('POST /repos/{owner}/{repo}/labels', () =>
          client.octokit.rest.issues.createLabel({
            ...client.repository,
            name: label.name,
            ...(label.color ? { color: label.color.toLowerCase() } : {}),
            ...(label.description ? { description: label.description } : {}),
          }),
        );
        client.logger.info(`created label ${label.name}`);
      } catch (createError) {
        // already_exists: another job created it between our GET and POST.
        if (!(createError instanceof ValidationFailed && createError.errors.some((e) => e.includes('already_exists')))) throw createError;
      }
    }
    known.add(key);
  }
}
