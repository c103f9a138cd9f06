// Cold-start reference: the smallest action built the Gatehouse way (action-kit's runAction and
// readInputs with one required input), run without that input, so it fails at input validation as a
// real action run without its inputs does.
import { z } from '../../packages/action-kit/node_modules/zod';
import { input, readInputs, runAction } from '../../packages/action-kit/src/index';

await runAction(async () => {
  readInputs(z.object({ token: input.string() }));
});
