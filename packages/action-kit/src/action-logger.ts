import * as core from '@actions/core';
import type { Logger } from '@gatehouse/findings';
import { stepAnnotationBudget, type AnnotationBudget } from './annotation-budget';
import { neutralizeLogText, neutralizeOneLine } from './neutralize';

/**
 * The Logger libraries receive inside an action. Every message goes through `neutralizeLogText`, so
 * text a scanner or a repository controls can never issue a workflow command. Warnings and errors
 * become annotations (and count against the step's annotation budget); debug lines show only when
 * the workflow runs with debug logging.
 */
export class ActionLogger implements Logger {
  constructor(private readonly budget: AnnotationBudget = stepAnnotationBudget) {}

  debug(message: string): void {
    core.debug(neutralizeLogText(message));
  }

  info(message: string): void {
    core.info(neutralizeLogText(message));
  }

  warning(message: string): void {
    this.budget.take('warning');
    core.warning(neutralizeLogText(message));
  }

  error(message: string): void {
    this.budget.take('error');
    core.error(neutralizeLogText(message));
  }

  /** Runs `fn` inside a collapsible log group; the group is closed even when `fn` throws. */
  group<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    return core.group(neutralizeOneLine(name, { maxLength: 200 }), async () => fn());
  }
}

/** The logger of this process. */
export const actionLogger = new ActionLogger();
