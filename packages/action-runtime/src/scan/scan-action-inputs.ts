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

/**
 * How every scanning action's action.yml declares the common inputs: same names, defaults and
 * descriptions (its own inputs come after). An action's test can compare its manifest with this.
 */
export const scanActionInputManifest: Record<keyof typeof scanActionInputs, { description: string; default: string }> = {
  token: {
    description: 'Token for the GitHub API, to read the policy at the base commit of a pull request (contents read) and upload SARIF (security-events write).',
    default: '${{ github.token }}',
  },
  policy: {
    description: 'The policy file, relative to the repository root. On pull requests it is read from the base commit, never from the pull request.',
    default: '.github/gatehouse.yml',
  },
  'fail-on': {
    description: 'When the step fails. block fails on a blocking or incomplete verdict, incomplete only when an engine did not finish, never reports only (when policy-gate decides).',
    default: 'block',
  },
  'upload-sarif': {
    description: 'Upload the findings to code scanning. Refused uploads (forks, read-only tokens, no code scanning) are kept in the findings artifact and said in the summary.',
    default: 'true',
  },
  mode: {
    description: 'Which policy mode applies. auto means pr on pull requests and merge queues (new-only), deploy on deployment events, push otherwise; or pr, push, deploy, local.',
    default: 'auto',
  },
  matrix: {
    description: 'The job matrix as JSON (toJSON(matrix)) in a matrix job, so each leg uploads its own artifact and SARIF category; any text that tells two steps of one job apart works too.',
    default: '',
  },
};
