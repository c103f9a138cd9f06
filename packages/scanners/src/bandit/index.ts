import type { ScannerAdapter } from '../adapter';
import { BANDIT_EXIT_CODES, banditCommand } from './command';
import { parseBandit } from './parse';
import { prepareBanditRun } from './pyproject-config';

/** bandit, Python SAST: runs for real (`bandit -f json`) and imports reports made elsewhere. */
export const banditAdapter: ScannerAdapter = {
  id: 'bandit',
  displayName: 'bandit',
  categories: ['sast'],
  formats: ['json'],
  parse: parseBandit,
  prepare: prepareBanditRun,
  command: banditCommand,
  exitCodes: BANDIT_EXIT_CODES,
  reportOn: 'file',
};
