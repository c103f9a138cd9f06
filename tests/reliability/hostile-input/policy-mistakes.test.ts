import { readFileSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { parsePolicy, PolicyValidationError } from '../../../packages/policy/src/index';
import { HOSTILE_INPUT_CASES } from '../catalog/hostile-input';
import { caseById, caseTest } from '../support/case-test';

const FIXTURE = new URL('./__fixtures__/policy-with-twenty-mistakes.yml', import.meta.url);

describe('a policy file with twenty mistakes', () => {
  caseTest(caseById(HOSTILE_INPUT_CASES, 'hostile-input/policy-twenty-mistakes'), () => {
    const text = readFileSync(FIXTURE, 'utf8');
    // Each mistake is marked on its line in the fixture: "# mistake N".
    const marked = text
      .split('\n')
      .map((line, index) => ({ line: index + 1, mistake: /# mistake (\d+)/.exec(line)?.[1] }))
      .filter((m): m is { line: number; mistake: string } => m.mistake !== undefined);
    expect(marked).toHaveLength(20);

    let error: unknown;
    try {
      parsePolicy(text, '.github/gatehouse.yml');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(PolicyValidationError);
    const problems = (error as PolicyValidationError).problems;
    for (const problem of problems) {
      expect(problem.file).toBe('.github/gatehouse.yml');
      expect(problem.line, problem.message).toBeGreaterThan(0);
      expect(problem.column, problem.message).toBeGreaterThan(0);
    }
    for (const { line, mistake } of marked) {
      // "no owner" is reported at the exception item, the line it starts on.
      expect(problems.some((p) => p.line === line), `mistake ${mistake} (line ${line}) is reported at its line`).toBe(true);
    }
    const message = (error as Error).message;
    expect(message).toMatch(/\.github\/gatehouse\.yml:2:\d+: version/);
    expect(message).not.toContain('hooks.example.invalid');
  });
});
