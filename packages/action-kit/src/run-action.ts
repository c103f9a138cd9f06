import * as core from '@actions/core';
import { ConfigurationError, ParseError, errorMessage } from '@gatehouse/findings';
import { CommandError } from '@gatehouse/toolchain';
import { stepAnnotationBudget } from './annotation-budget';
import { neutralizeLogText } from './neutralize';

/** Errors whose message tells the user what to change or what failed; anything else is a bug. */
function isExpectedFailure(error: unknown): error is Error {
  return error instanceof ConfigurationError || error instanceof ParseError || error instanceof CommandError;
}

/**
 * The one try/catch of an action. Runs `main`; a ConfigurationError, ParseError or CommandError fails
 * the step with its own message (it says what to change, or which command failed and how); anything
 * else fails it as "internal error: …", with the stack trace in the debug log. Messages are
 * neutralised: a scanner's stderr line cannot issue workflow commands through them. Never throws,
 * never calls process.exit (pending writes such as the summary finish first).
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    stepAnnotationBudget.take('error');
    if (isExpectedFailure(error)) {
      core.setFailed(neutralizeLogText(error.message));
      return;
    }
    core.setFailed(
      neutralizeLogText(`internal error: ${errorMessage(error)} (a bug in Gatehouse; the stack trace is in the debug log)`),
    );
    if (error instanceof Error && error.stack) core.debug(neutralizeLogText(error.stack));
  }
}
