// A minimal scanning action for action-runtime's end-to-end test: what a real action's main.ts
// looks like (read inputs once, build the plan, hand over to runScanAction), with secretlint as the
// one engine, run through the runner bundled next to dist/index.js (build.json).
import { readInputs, runAction } from '@gatehouse/action-kit';
import { runScanAction, scanActionInputs } from '@gatehouse/action-runtime';
import { z } from 'zod';

await runAction(async () => {
  const inputs = readInputs(z.object(scanActionInputs));
  await runScanAction({
    action: 'scan-fixture',
    inputs,
    plan: ({ workspace }) => ({
      invocations: [{ engine: 'secretlint', label: 'the working tree', options: { workspace, targets: ['.'], mode: 'full' } }],
      notRun: [],
      notes: ['Scanned the working tree with the bundled secretlint.'],
    }),
    sarifWait: { delaysMs: [50] },
  });
});
