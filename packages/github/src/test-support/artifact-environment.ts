import { FakeArtifactService } from '@gatehouse/testing-harness';
import { vi } from 'vitest';

/**
 * A fake artifact service with the environment @actions/artifact reads (ACTIONS_RUNTIME_TOKEN,
 * ACTIONS_RESULTS_URL, GITHUB_SERVER_URL) pointing at it, and stdout quiet: the library logs through
 * @actions/core. `restore` puts the environment back and fails on unexamined service violations.
 */
export async function startArtifactEnvironment(): Promise<{ service: FakeArtifactService; restore: () => Promise<void> }> {
  const saved = { ...process.env };
  const service = await FakeArtifactService.start();
  process.env.ACTIONS_RUNTIME_TOKEN = service.runtimeToken;
  process.env.ACTIONS_RESULTS_URL = service.resultsUrl;
  process.env.GITHUB_SERVER_URL = 'https://github.com';
  const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return {
    service,
    restore: async () => {
      quiet.mockRestore();
      process.env = saved;
      await service.close();
    },
  };
}
