// Cold-start baseline: what any JavaScript action pays at least, @actions/core loaded and one required
// input missing, failing the step as Gatehouse's actions do when run without their inputs.
// @actions/core is a dependency of action-kit (pnpm keeps it out of the root node_modules).
import * as core from '../../packages/action-kit/node_modules/@actions/core';

try {
  core.getInput('token', { required: true });
} catch (error) {
  core.setFailed(error instanceof Error ? error.message : String(error));
}
