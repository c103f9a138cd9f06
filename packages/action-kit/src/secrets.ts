import * as core from '@actions/core';
import { isRunningInGitHubActions } from './github-actions-environment';

/**
 * Asks the runner to mask a value in the rest of the job's log. Only under GitHub Actions: elsewhere
 * the `::add-mask::` command would itself print the value. Each line of a multi-line value is also
 * registered, as the runner masks line by line.
 */
export function registerSecret(value: string, env: NodeJS.ProcessEnv = process.env): void {
  if (!isRunningInGitHubActions(env) || value.length === 0) return;
  core.setSecret(value);
  if (/[\r\n]/.test(value)) {
    for (const line of value.split(/\r\n|\r|\n/)) {
      if (line.trim().length > 0) core.setSecret(line);
    }
  }
}
