import type { Reason } from '@gatehouse/findings';
import type { Policy } from '../schema/policy-schema';
import type { CompiledException } from './exception-index';
import { reason } from './reasons';

/**
 * What the policy's exceptions say about the run:
 * - too long (past exceptionPolicy.maxDays, measured from now when it has no created date): not
 *   applied, and the run blocks until the policy is fixed;
 * - lapsed while findings still match: those findings are open again (warn, with the exception named);
 * - lapsing within the warning window: warn, naming the owner;
 * - matching nothing in this run: info, it may be stale.
 */
export function exceptionReasons(
  exceptions: readonly CompiledException[],
  matchedBy: ReadonlyMap<CompiledException, string[]>,
  lapsedBy: ReadonlyMap<CompiledException, string[]>,
  policy: Pick<Policy, 'exceptionPolicy'>,
  policyFile: string,
): Reason[] {
  const reasons: Reason[] = [];
  for (const compiled of exceptions) {
    const name = describe(compiled, policyFile);
    const matched = matchedBy.get(compiled) ?? [];
    const expires = new Date(compiled.expiresAt).toISOString();
    if (compiled.state === 'too-long') {
      reasons.push(
        reason(
          'block',
          'exception-too-long',
          `${name} runs until ${expires}, longer than the ${policy.exceptionPolicy.maxDays} days exceptionPolicy.maxDays allows; it is not applied`,
          matched.length ? { findingIds: matched } : {},
        ),
      );
      continue;
    }
    const lapsed = lapsedBy.get(compiled);
    if (compiled.state === 'expired' && lapsed?.length) {
      reasons.push(
        reason(
          'warn',
          'exception-expired',
          `${name} expired at ${expires} (owner ${compiled.exception.owner}; reason: ${compiled.exception.reason}); ${lapsed.length} finding${lapsed.length === 1 ? ' is' : 's are'} open again`,
          { findingIds: lapsed },
        ),
      );
      continue;
    }
    if (matched.length === 0) {
      const state = compiled.state === 'expired' ? `expired at ${expires} and ` : '';
      reasons.push(reason('info', 'exception-unused', `${name} ${state}matched no finding in this run; it may be stale`));
      continue;
    }
    if (compiled.expiring) {
      reasons.push(
        reason('warn', 'exception-expiring', `${name} expires at ${expires}; its owner ${compiled.exception.owner} should renew or resolve it`, {
          findingIds: matched,
        }),
      );
    }
  }
  return reasons;
}

function describe(compiled: CompiledException, policyFile: string): string {
  const { exception } = compiled;
  const matchers = [
    exception.id !== undefined ? `id ${exception.id}` : undefined,
    exception.purl !== undefined ? `purl ${exception.purl}` : undefined,
    exception.path !== undefined ? `path ${exception.path}` : undefined,
  ].filter((m): m is string => m !== undefined);
  return `exception ${policyFile}#exceptions[${compiled.index}] (${matchers.join(', ')})`;
}
