import { input } from '@gatehouse/action-kit';
import { FAIL_ON_VALUES, type FailOn } from '../common/fail-on';
import { MODE_INPUT_VALUES, type ModeInput } from '../common/run-mode';

/**
 * The inputs every scanning action declares in its action.yml (same names, defaults and meaning).
 * Spread into the action's own schema: `readInputs(z.object({ ...scanActionInputs, ...own }))`.
 */
export const scanActionInputs = {
  token: input.string(),
  policy: input.string().default('.github/gatehouse.yml'),
  'fail-on': input.enum(FAIL_ON_VALUES).default('block'),
  'upload-sarif': input.boolean().default(true),
  mode: input.enum(MODE_INPUT_VALUES).default('auto'),
  matrix: input.string().optional(),
};

export interface ScanActionInputs {
  token: string;
  policy: string;
  'fail-on': FailOn;
  'upload-sarif': boolean;
  mode: ModeInput;
  matrix?: string | undefined;
}
