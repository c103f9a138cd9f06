import { describe, expect, it } from 'vitest';
import type { PolicyException } from '../schema/exceptions';
import { codeFinding, DAY, NOW, packageFinding, policyOf, ran } from '../test-support/policy-fixtures';
import { evaluate } from './evaluate';

const engines = [ran('osv-scanner')];
const at = (ms: number) => new Date(ms);
const owner = 'team-payments';
const exception = (fields: Partial<PolicyException>): PolicyException =>
  ({ reason: 'not reachable from our code', owner, expires: '2025-06-10', ...fields }) as PolicyException;

const lodash = () =>
  packageFinding({
    severity: 'high',
    aliases: ['CVE-2020-8203', 'GHSA-p6mc-m468-83gw'],
    identifiers: [
      { type: 'CVE', value: 'CVE-2020-8203' },
      { type: 'GHSA', value: 'GHSA-p6mc-m468-83gw' },
    ],
  });

function run(exceptions: PolicyException[], findings = [lodash()], now = NOW) {
  return evaluate(findings, policyOf({ exceptions }), now, { engines });
}

describe('exceptions: expiry boundaries', () => {
  // A calendar date is valid through that day: 2025-06-10 lapses at 2025-06-11T00:00:00.000Z.
  const lapse = Date.parse('2025-06-11T00:00:00.000Z');

  it('applies 1 ms before the expiry instant', () => {
    const { decision, findings } = run([exception({ id: 'CVE-2020-8203' })], [lodash()], at(lapse - 1));
    expect(findings[0]).toMatchObject({
      status: 'suppressed',
      suppression: { kind: 'exception', owner, reason: 'not reachable from our code', expiresAt: '2025-06-11T00:00:00.000Z', ref: '.github/gatehouse.yml#exceptions[0]' },
    });
    expect(decision.verdict).not.toBe('block');
  });

  it('has lapsed at exactly the expiry instant: the finding is open again with a note', () => {
    const { decision, findings } = run([exception({ id: 'CVE-2020-8203' })], [lodash()], at(lapse));
    expect(findings[0]!.status).toBe('open');
    expect(findings[0]!.suppression).toBeUndefined();
    expect(decision.verdict).toBe('block');
    const note = decision.reasons.find((r) => r.code === 'exception-expired');
    expect(note).toMatchObject({ kind: 'warn', findingIds: [findings[0]!.id] });
    expect(note!.message).toContain(owner);
    expect(note!.message).toContain('not reachable from our code');
  });

  it('has lapsed 1 ms after the expiry instant', () => {
    expect(run([exception({ id: 'CVE-2020-8203' })], [lodash()], at(lapse + 1)).findings[0]!.status).toBe('open');
  });

  it('takes a date-time expiry as written', () => {
    const expires = '2025-06-05T09:30:00+02:00';
    const instant = Date.parse(expires);
    expect(run([exception({ id: 'CVE-2020-8203', expires })], [lodash()], at(instant - 1)).findings[0]!.status).toBe('suppressed');
    expect(run([exception({ id: 'CVE-2020-8203', expires })], [lodash()], at(instant)).findings[0]!.status).toBe('open');
  });
});

describe('exceptions: warning before expiry', () => {
  const lapse = Date.parse('2025-06-11T00:00:00.000Z');
  const warnAt = lapse - 7 * DAY;
  const expiring = (now: number) => run([exception({ id: 'CVE-2020-8203' })], [lodash()], at(now)).decision.reasons.find((r) => r.code === 'exception-expiring');

  it('does not warn 1 ms before the window opens', () => {
    expect(expiring(warnAt - 1)).toBeUndefined();
  });

  it('warns from exactly 7 days before expiry, naming the owner', () => {
    const reason = expiring(warnAt);
    expect(reason).toMatchObject({ kind: 'warn' });
    expect(reason!.message).toContain(owner);
  });

  it('warns 1 ms into the window, and the finding stays suppressed', () => {
    const { decision, findings } = run([exception({ id: 'CVE-2020-8203' })], [lodash()], at(warnAt + 1));
    expect(decision.reasons.some((r) => r.code === 'exception-expiring')).toBe(true);
    expect(findings[0]!.status).toBe('suppressed');
    expect(decision.verdict).toBe('warn');
  });

  it('uses the policy window', () => {
    const policy = policyOf({ exceptions: [exception({ id: 'CVE-2020-8203' })], exceptionPolicy: { warnBeforeExpiryDays: 1 } });
    const { decision } = evaluate([lodash()], policy, at(lapse - DAY - 1), { engines });
    expect(decision.reasons.some((r) => r.code === 'exception-expiring')).toBe(false);
    expect(evaluate([lodash()], policy, at(lapse - DAY), { engines }).decision.reasons.some((r) => r.code === 'exception-expiring')).toBe(true);
  });
});

describe('exceptions: maximum length', () => {
  it('measures from now when there is no created date: exactly the maximum is allowed', () => {
    const expires = new Date(NOW.getTime() + 90 * DAY).toISOString();
    const { findings, decision } = run([exception({ id: 'CVE-2020-8203', expires })]);
    expect(findings[0]!.status).toBe('suppressed');
    expect(decision.reasons.some((r) => r.code === 'exception-too-long')).toBe(false);
  });

  it('ignores an exception 1 ms longer than the maximum, with a block reason', () => {
    const expires = new Date(NOW.getTime() + 90 * DAY + 1).toISOString();
    const { findings, decision } = run([exception({ id: 'CVE-2020-8203', expires })], [packageFinding({ severity: 'low' })]);
    expect(findings[0]!.status).toBe('open');
    expect(decision.verdict).toBe('block');
    expect(decision.reasons.find((r) => r.code === 'exception-too-long')).toMatchObject({ kind: 'block', findingIds: [findings[0]!.id] });
  });

  it('a created date in the future buys no extra time', () => {
    const created = new Date(NOW.getTime() + 30 * DAY).toISOString();
    const expires = new Date(NOW.getTime() + 100 * DAY).toISOString();
    const { findings, decision } = run([exception({ id: 'CVE-2020-8203', created, expires })]);
    expect(findings[0]!.status).toBe('open');
    expect(decision.reasons.some((r) => r.code === 'exception-too-long')).toBe(true);
  });
});

describe('exceptions: matching', () => {
  it('matches by an alias: an exception on the GHSA id suppresses a finding filed under the CVE', () => {
    const finding = lodash();
    expect(finding.ruleId).toBe('CVE-2020-8203');
    expect(run([exception({ id: 'GHSA-p6mc-m468-83gw' })], [finding]).findings[0]!.status).toBe('suppressed');
    // GitHub spells GHSA bodies in lower case, people do not always.
    expect(run([exception({ id: 'ghsa-P6MC-M468-83GW' })], [finding]).findings[0]!.status).toBe('suppressed');
  });

  it('does not match an unrelated id', () => {
    expect(run([exception({ id: 'CVE-2020-9999' })]).findings[0]!.status).toBe('open');
  });

  it('matches a rule id and a finding id', () => {
    const code = codeFinding({ ruleId: 'B602' });
    expect(run([exception({ id: 'B602' })], [code]).findings[0]!.status).toBe('suppressed');
    expect(run([exception({ id: code.id })], [code]).findings[0]!.status).toBe('suppressed');
  });

  it('a purl without a version matches every version; with one, only that version', () => {
    expect(run([exception({ purl: 'pkg:npm/lodash' })]).findings[0]!.status).toBe('suppressed');
    expect(run([exception({ purl: 'pkg:npm/lodash@4.17.15' })]).findings[0]!.status).toBe('suppressed');
    expect(run([exception({ purl: 'pkg:npm/lodash@4.17.21' })]).findings[0]!.status).toBe('open');
    expect(run([exception({ purl: 'pkg:npm/lodash-es' })]).findings[0]!.status).toBe('open');
  });

  it('compares purls as scanners spell them differently: %40 scopes, PyPI name normalisation', () => {
    const scoped = packageFinding({
      location: { kind: 'package', purl: 'pkg:npm/%40babel/traverse@7.22.0', ecosystem: 'npm', name: '@babel/traverse', version: '7.22.0' },
    });
    expect(run([exception({ purl: 'pkg:npm/@babel/traverse' })], [scoped]).findings[0]!.status).toBe('suppressed');
    const pyyaml = packageFinding({
      location: { kind: 'package', purl: 'pkg:pypi/pyyaml@5.3', ecosystem: 'PyPI', name: 'pyyaml', version: '5.3' },
    });
    expect(run([exception({ purl: 'pkg:pypi/PyYAML' })], [pyyaml]).findings[0]!.status).toBe('suppressed');
  });

  it('a path glob matches code files and package manifests', () => {
    const inTests = codeFinding({ location: { kind: 'code', path: 'tests/unit/test_app.py', startLine: 4 } });
    const inApp = codeFinding({ location: { kind: 'code', path: 'app/main.py', startLine: 4 } });
    const fixtureLock = packageFinding({
      location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.15', ecosystem: 'npm', name: 'lodash', version: '4.17.15', manifest: 'tests/fixtures/package-lock.json' },
    });
    const { findings } = run([exception({ path: 'tests/**' })], [inTests, inApp, fixtureLock]);
    expect(findings.map((f) => f.status)).toEqual(['suppressed', 'open', 'suppressed']);
  });

  it('a path glob reaches dot-directories', () => {
    const workflow = codeFinding({ location: { kind: 'code', path: '.github/workflows/ci.yml', startLine: 1 } });
    expect(run([exception({ path: '.github/**' })], [workflow]).findings[0]!.status).toBe('suppressed');
  });

  it('needs every matcher it has to match', () => {
    const inTests = codeFinding({ ruleId: 'B101', location: { kind: 'code', path: 'tests/test_x.py', startLine: 2 } });
    const inApp = codeFinding({ ruleId: 'B101', location: { kind: 'code', path: 'app/x.py', startLine: 2 } });
    const otherRule = codeFinding({ ruleId: 'B602', location: { kind: 'code', path: 'tests/test_y.py', startLine: 2 } });
    const { findings } = run([exception({ id: 'B101', path: 'tests/**' })], [inTests, inApp, otherRule]);
    expect(findings.map((f) => f.status)).toEqual(['suppressed', 'open', 'open']);
  });

  it('can be narrowed to a category', () => {
    const code = codeFinding({ location: { kind: 'code', path: 'tests/a.py', startLine: 1 } });
    expect(run([exception({ path: 'tests/**', category: 'secret' })], [code]).findings[0]!.status).toBe('open');
    expect(run([exception({ path: 'tests/**', category: 'sast' })], [code]).findings[0]!.status).toBe('suppressed');
  });

  it('when a lapsed and a valid exception both match, the valid one applies and no lapse is reported', () => {
    const { findings, decision } = run([exception({ id: 'CVE-2020-8203', expires: '2025-01-01' }), exception({ purl: 'pkg:npm/lodash' })]);
    expect(findings[0]!.suppression?.ref).toBe('.github/gatehouse.yml#exceptions[1]');
    expect(decision.reasons.some((r) => r.code === 'exception-expired')).toBe(false);
  });

  it('reports an exception that matches nothing as possibly stale (information only)', () => {
    const { decision } = run([exception({ id: 'CVE-1999-0001' })]);
    const stale = decision.reasons.find((r) => r.code === 'exception-unused');
    expect(stale).toMatchObject({ kind: 'info' });
    expect(stale!.message).toContain('exceptions[0]');
  });

  it('names the policy file given in the context in suppression refs', () => {
    const { findings } = evaluate([lodash()], policyOf({ exceptions: [exception({ id: 'CVE-2020-8203' })] }), NOW, {
      engines,
      policyFile: 'base:.github/gatehouse.yml',
    });
    expect(findings[0]!.suppression?.ref).toBe('base:.github/gatehouse.yml#exceptions[0]');
  });

  it('suppressed findings never block, whatever their severity', () => {
    const critical = packageFinding({ severity: 'critical' });
    const { decision } = run([exception({ id: 'CVE-2020-8203' })], [critical]);
    expect(decision.blockingIds).toEqual([]);
    expect(decision.counts.suppressed).toBe(1);
  });
});
