import type { Verdict } from '@gatehouse/findings';

/** The CLI contract: 0 pass or warn; 1 block; 2 incomplete (and errors of input or configuration). */
export function exitCodeForVerdict(verdict: Verdict): 0 | 1 | 2 {
  switch (verdict) {
    case 'pass':
    case 'warn':
      return 0;
    case 'block':
      return 1;
    case 'incomplete':
      return 2;
  }
}
