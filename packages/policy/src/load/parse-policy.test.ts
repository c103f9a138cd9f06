import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ConfigurationError } from '@gatehouse/findings';
import { parsePolicy } from './parse-policy';
import { PolicyValidationError, type PolicyProblem } from './policy-error';

const FILE = '.github/gatehouse.yml';
const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function problemsOf(text: string): readonly PolicyProblem[] {
  try {
    parsePolicy(text, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyValidationError);
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as PolicyValidationError).problems;
  }
  throw new Error('expected the policy to be refused');
}

function onlyProblem(text: string): PolicyProblem {
  const problems = problemsOf(text);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

describe('parsePolicy: a valid file', () => {
  it('fills every default and reports its source and sha256', () => {
    const text = 'version: 1\n';
    const loaded = parsePolicy(text, FILE);
    expect(loaded.source).toEqual({ kind: 'file', path: FILE });
    expect(loaded.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(loaded.policy.rules).toEqual({ block: 'high', warn: 'medium', requireFix: false, allowInlineSuppressions: true });
    expect(loaded.policy.categories.secret.block).toBe('info');
  });

  it('reads a complete file', () => {
    const { policy } = parsePolicy(fixture('complete-valid.yml'), FILE);
    expect(policy.exceptions[0]).toMatchObject({ id: 'GHSA-p6mc-m468-83gw', expires: '2025-06-30', ticket: 'SEC-123' });
    expect(policy.override).toMatchObject({ users: ['alice'], environments: ['production'], maxDuration: '12h' });
    expect(policy.notifications.channels[0]).toMatchObject({ kind: 'slack', required: true });
  });

  it('reads a file that starts with a byte order mark', () => {
    expect(parsePolicy('\uFEFFversion: 1\n', FILE).policy.version).toBe(1);
  });

  it('lays the file over a preset', () => {
    const { policy } = parsePolicy('version: 1\npreset: deploy\ncategories:\n  sca: { warn: low }\n', FILE);
    expect(policy.rules).toMatchObject({ requireFix: true, warn: 'info' });
    expect(policy.categories.sca).toEqual({ warn: 'low' });
    expect(policy.categories.secret).toMatchObject({ block: 'info', requireFix: false });
  });
});

describe('parsePolicy: every mistake reported with file:line:col', () => {
  it('reports the twenty mistakes of one file together, each at its line and key', () => {
    const text = fixture('twenty-mistakes.yml');
    const marked = text
      .split('\n')
      .map((line, index) => ({ line: index + 1, key: /# mistake: (\S+)/.exec(line)?.[1] }))
      .filter((m): m is { line: number; key: string } => m.key !== undefined);
    expect(marked).toHaveLength(20);

    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.keyPath])).toEqual(marked.map((m) => [m.line, m.key]));
    for (const problem of problems) {
      expect(problem.file).toBe(FILE);
      expect(problem.column).toBeGreaterThan(0);
    }

    let message = '';
    try {
      parsePolicy(text, FILE);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^\.github\/gatehouse\.yml: 20 problems in the policy file:/);
    for (const m of marked) expect(message).toMatch(new RegExp(`\\.github/gatehouse\\.yml:${m.line}:\\d+: ${m.key.replace(/[[\].]/g, '\\$&')}: `));
    // The secret pasted into the file is named as a mistake but never repeated.
    expect(message).not.toContain('hooks.slack.com');
    expect(message).toContain('secrets do not belong in the policy file');
  });

  it('a single mistake: the message starts with file:line:col and the key', () => {
    const text = 'version: 1\nrules:\n  block: hihg\n';
    expect(() => parsePolicy(text, FILE)).toThrow(`${FILE}:3:10: rules.block: must be one of critical, high, medium, low, info, none (did you mean "high"?)`);
    try {
      parsePolicy(text, FILE);
    } catch (error) {
      expect(error).toMatchObject({ file: FILE, line: 3, column: 10 });
    }
  });

  it('suggests the key meant, in any section', () => {
    expect(onlyProblem('version: 1\nsla:\n  hihg: 7d\n')).toMatchObject({ line: 3, column: 3, message: 'unknown key "hihg" (did you mean "high"?)' });
    expect(onlyProblem('version: 1\nnotifications:\n  channels:\n    - name: ops\n      kind: slack\n      chanel: "#ops"\n')).toMatchObject({
      line: 6,
      keyPath: 'notifications.channels[0].chanel',
      message: 'unknown key "chanel" (did you mean "channel"?)',
    });
  });

  it('lists the allowed keys when nothing is close', () => {
    expect(onlyProblem('version: 1\nengines:\n  zzz: 1\n').message).toBe('unknown key "zzz"; expected one of required');
  });

  it('refuses an exception without an owner, pointing at the exception', () => {
    expect(onlyProblem('version: 1\nexceptions:\n  - id: CVE-2020-8203\n    reason: r\n    expires: 2025-06-30\n')).toMatchObject({
      line: 3,
      column: 5,
      keyPath: 'exceptions[0].owner',
      message: 'owner is required',
    });
  });

  it('refuses an exception without an expiry or a matcher', () => {
    expect(onlyProblem('version: 1\nexceptions:\n  - id: X\n    reason: r\n    owner: o\n').message).toBe('expires is required: every exception lapses');
    expect(onlyProblem('version: 1\nexceptions:\n  - reason: r\n    owner: o\n    expires: 2025-06-30\n')).toMatchObject({
      keyPath: 'exceptions[0]',
      message: 'an exception needs at least one of id, purl or path to say what it matches',
    });
  });

  it('refuses an exception longer than the maximum when its created date says so', () => {
    expect(
      onlyProblem('version: 1\nexceptions:\n  - id: X\n    reason: r\n    owner: o\n    created: 2025-01-01\n    expires: 2025-06-30\n'),
    ).toMatchObject({ line: 7, keyPath: 'exceptions[0].expires', message: 'runs 181 days from created; exceptionPolicy.maxDays allows 90' });
  });

  it('checks references between sections, with suggestions', () => {
    const text = [
      'version: 1',
      'notifications:',
      '  channels:',
      '    - { name: ops-alerts, kind: slack }',
      'override:',
      '  users: [alice]',
      '  environments: [production]',
      '  notify: [ops-alert]',
    ].join('\n');
    const problems = problemsOf(text);
    expect(problems.map((p) => [p.line, p.keyPath, p.message])).toEqual([
      [8, 'override.notify', 'an override must be heard: list at least one channel that has required: true'],
      [8, 'override.notify[0]', 'no channel named "ops-alert" in notifications.channels (did you mean "ops-alerts"?)'],
    ]);
  });

  it('reports cross-section mistakes together with the others', () => {
    const problems = problemsOf('version: 1\nrules: { block: hihg }\nengines:\n  required: [semgrepp]\n');
    expect(problems.map((p) => p.keyPath)).toEqual(['rules.block', 'engines.required[0]']);
  });

  it('a key with no value is reported as empty, at the key', () => {
    expect(onlyProblem('version: 1\nexceptions:\n  - id: X\n    reason:\n    owner: o\n    expires: 2025-06-30\n')).toMatchObject({
      line: 4,
      keyPath: 'exceptions[0].reason',
      message: 'reason must not be empty',
    });
    expect(onlyProblem('version: 1\nexceptions:\n  - id: X\n    reason: r\n    owner: o\n    expires:\n').message).toBe('expires is required: every exception lapses');
  });

  it('takes YAML 1.2: yes is text, not a boolean', () => {
    expect(onlyProblem('version: 1\nrules:\n  requireFix: yes\n')).toMatchObject({ message: 'must be true or false' });
  });
});

describe('parsePolicy: hostile or broken files', () => {
  it('refuses an empty file, a comment-only file, a list and a scalar', () => {
    expect(onlyProblem('').message).toContain('is empty');
    expect(onlyProblem('# nothing here\n').message).toContain('is empty');
    expect(onlyProblem('- version: 1\n').message).toContain('not a list');
    expect(onlyProblem('just text\n').message).toContain('not a single value');
  });

  it('refuses several documents in one file', () => {
    expect(onlyProblem('version: 1\n---\nversion: 1\n')).toMatchObject({ line: 2, message: expect.stringContaining('multiple documents') });
  });

  it('refuses duplicate keys at the duplicate', () => {
    expect(onlyProblem('version: 1\nrules:\n  block: high\n  block: low\n')).toMatchObject({ line: 4, message: expect.stringContaining('unique') });
  });

  it('reports invalid YAML with its position and without quoting the file', () => {
    const problems = problemsOf('version: 1\nrules:\n  block: "high\ntoken: "ghp_notarealtokenbutlookslikeone\n');
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem.line).toBeGreaterThan(0);
      expect(problem.message).toMatch(/^invalid YAML: /);
      expect(problem.message).not.toContain('ghp_');
    }
  });

  it('refuses an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    expect(onlyProblem(bomb).message).toContain('too many YAML aliases');
  });

  it('accepts a few aliases (they are legitimate YAML)', () => {
    const text = 'version: 1\nexceptions:\n  - { id: A, reason: &r shared reason, owner: &o team, expires: 2025-06-30 }\n  - { id: B, reason: *r, owner: *o, expires: 2025-06-30 }\n';
    expect(parsePolicy(text, FILE).policy.exceptions[1]).toMatchObject({ reason: 'shared reason', owner: 'team' });
  });

  it('refuses a __proto__ key without polluting any prototype', () => {
    const problem = onlyProblem('version: 1\n__proto__:\n  polluted: true\n');
    expect(problem.keyPath).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses collection keys without the YAML library printing warnings to stderr', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    try {
      expect(onlyProblem('? [a, b]\n: 1\nversion: 1\n')).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('unknown key') });
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      emitWarning.mockRestore();
    }
  });

  it('refuses a file over the size cap before parsing it', () => {
    const huge = `version: 1\n# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    expect(onlyProblem(huge).message).toContain('larger than');
  });

  it('refuses secret-looking keys with advice, without echoing them', () => {
    const problem = onlyProblem('version: 1\nnotifications:\n  channels:\n    - name: hook\n      kind: webhook\n      token: abc123secret\n');
    expect(problem.message).toContain('secrets do not belong in the policy file');
    expect(problem.message).not.toContain('abc123secret');
  });

  it('refuses a Slack webhook URL given as the channel name', () => {
    const problem = onlyProblem('version: 1\nnotifications:\n  channels:\n    - name: ops\n      kind: slack\n      channel: https://hooks.slack.com/services/T0/B0/xyz\n');
    expect(problem.keyPath).toBe('notifications.channels[0].channel');
    expect(problem.message).not.toContain('hooks.slack.com/services');
  });
});
