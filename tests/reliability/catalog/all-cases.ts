import { CONCURRENCY_CASES } from './concurrency';
import { faultMatrixCases } from './fault-matrix';
import { HOSTILE_INPUT_CASES } from './hostile-input';
import { leakAuditCases } from './leak-audit';
import { networkCases } from './network';
import type { NotApplicableCase, ReliabilityCase } from './reliability-case';
import { TAMPER_CASES } from './tamper';

/** Every case of the suite, in page order, and the fault-matrix combinations that cannot happen. */
export function allReliabilityCases(): { cases: ReliabilityCase[]; notApplicable: NotApplicableCase[] } {
  const matrix = faultMatrixCases();
  return {
    cases: [...matrix.cases, ...HOSTILE_INPUT_CASES, ...networkCases(), ...leakAuditCases(), ...CONCURRENCY_CASES, ...TAMPER_CASES],
    notApplicable: matrix.notApplicable,
  };
}
