import * as core from '@actions/core';
import { stepAnnotationBudget } from './annotation-budget';
import { neutralizeLogText } from './neutralize';

/**
 * Fails the step because of what the run decided (a blocking or incomplete verdict), not because of
 * an error: the step ends after the caller has published everything. The message is neutralised
 * (it may quote engine names or reasons) and draws on the step's annotation budget.
 */
export function failStep(message: string): void {
  stepAnnotationBudget.take('error');
  core.setFailed(neutralizeLogText(message));
}
