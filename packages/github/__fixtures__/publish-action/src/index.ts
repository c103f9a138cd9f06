// A throwaway action for @gatehouse/github's end-to-end tests: it reads the policy from the trusted
// ref, uploads SARIF (kept as an artifact when refused) and writes the sticky comment, as
// policy-gate will.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionLogger, input, readInputs, runAction, setOutputs } from '@gatehouse/action-kit';
import {
  RunArtifacts,
  artifactName,
  codeScanningTarget,
  createGitHubClient,
  readGitHubContext,
  readTextFileAtRef,
  trustedConfigRef,
  uploadSarif,
  upsertStickyComment,
} from '@gatehouse/github';
import { z } from 'zod';

await runAction(async () => {
  const inputs = readInputs(z.object({ token: input.string() }));
  const context = readGitHubContext();
  const client = createGitHubClient({ token: inputs.token, logger: actionLogger });
  const fork = context.event.kind === 'pull_request' && context.event.isFork;

  const policy = await readTextFileAtRef(client, '.github/gatehouse.yml', trustedConfigRef(context));
  const sarif = JSON.parse(readFileSync(join(context.workspace ?? '.', 'results.sarif'), 'utf8')) as unknown;
  const uploaded = await uploadSarif(client, {
    sarif,
    ...codeScanningTarget(context),
    workspace: context.workspace,
    fork,
    keep: { store: new RunArtifacts({ logger: actionLogger }), name: artifactName({ kind: 'sarif', action: 'publish-fixture', job: context.job }) },
    wait: { delaysMs: [100] },
  });
  const comment =
    context.event.kind === 'pull_request'
      ? await upsertStickyComment(client, { issueNumber: context.event.number, body: `## Gatehouse\npolicy from the base: ${policy.found ? 'yes' : 'no'}`, fork })
      : { status: 'not-a-pull-request' };

  setOutputs({
    policy: policy.found ? policy.text : 'absent',
    sarif: uploaded.status,
    'sarif-reason': uploaded.status === 'kept-as-artifact' ? uploaded.reason : '',
    comment: comment.status,
  });
});
