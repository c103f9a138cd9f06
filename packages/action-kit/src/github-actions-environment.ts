/** True inside a GitHub Actions job (the runner sets GITHUB_ACTIONS=true); false on a laptop or in another CI. */
export function isRunningInGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
