// A throwaway action for the runner harness's own tests: inputs in, a comment through the API,
// an artifact, a summary and outputs out. It uses action-kit exactly as a real action does.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import { context, getOctokit } from '@actions/github';
import { actionLogger, appendSummary, input, readInputs, runAction, setOutputs } from '@gatehouse/action-kit';
import { z } from 'zod';

const Inputs = z.object({
  greeting: input.string(),
  'issue-number': input.integer({ min: 1 }),
  'upload-report': input.boolean().default(true),
  token: input.string(),
});

await runAction(async () => {
  const inputs = readInputs(Inputs);
  actionLogger.info(`greeting: ${inputs.greeting}`);

  const comment = await actionLogger.group('comment', async () => {
    const octokit = getOctokit(inputs.token);
    const { data } = await octokit.rest.issues.createComment({
      ...context.repo,
      issue_number: inputs['issue-number'],
      body: `Hello (${inputs.greeting.length} characters)`,
    });
    return data;
  });

  let artifactId = 0;
  if (inputs['upload-report']) {
    const directory = mkdtempSync(join(process.env.RUNNER_TEMP ?? '.', 'report-'));
    writeFileSync(join(directory, 'report.json'), JSON.stringify({ greeting: inputs.greeting }));
    const uploaded = await new DefaultArtifactClient().uploadArtifact('example-report', [join(directory, 'report.json')], directory);
    artifactId = uploaded.id ?? 0;
  }

  await appendSummary(`## Example action\n\nCommented as #${comment.id}.\n`);
  setOutputs({ greeting: inputs.greeting, 'comment-id': comment.id, 'artifact-id': artifactId });
});
