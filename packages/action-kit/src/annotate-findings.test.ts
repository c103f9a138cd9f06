import type { Finding, Severity } from '@gatehouse/findings';
import { codeDraft, finalized, packageDraft } from '@gatehouse/findings/test-support';
import { finalizeFindings } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { annotateFindings } from './annotate-findings';
import { AnnotationBudget } from './annotation-budget';
import { parseWorkflowCommands } from './runner-command-parser';
import { captureStdout } from './test-support/capture-stdout';

function codeFindings(count: number, severity: Severity): Finding[] {
  return finalized(
    Array.from({ length: count }, (_, i) =>
      codeDraft({ severity, ruleId: `R${severity}${i}`, location: { kind: 'code', path: `src/f${i}.py`, startLine: i + 1 } }),
    ),
  );
}

describe('annotateFindings', () => {
  it('annotates a code finding on its file and line, with an escaped title and message', async () => {
    const [finding] = finalized([
      codeDraft({
        title: 'Injected\n::error::pwned',
        message: '\u001b[31mshell=True\u001b[0m\n::add-mask::x',
        location: { kind: 'code', path: 'app/main.py', startLine: 10, endLine: 10, startColumn: 5, endColumn: 9 },
      }),
    ]);
    let result;
    const out = await captureStdout(() => {
      result = annotateFindings([finding!], { budget: new AnnotationBudget() });
    });
    const commands = parseWorkflowCommands(out);
    expect(commands).toHaveLength(1);
    expect(commands[0]).toMatchObject({
      name: 'error',
      properties: { file: 'app/main.py', line: '10', endLine: '10', col: '5', endColumn: '9', title: 'HIGH: Injected ↵ \\::error::pwned' },
    });
    expect(commands[0]!.data).toBe('shell=True\n\\::add-mask::x\nrule B602; reported by bandit');
    expect(result).toEqual({ annotated: [finding], notAnnotated: [] });
  });

  it('annotates a package finding on its manifest and names the package', async () => {
    const { findings } = finalizeFindings([packageDraft()]);
    const out = await captureStdout(() => annotateFindings(findings, { budget: new AnnotationBudget() }));
    const [command] = parseWorkflowCommands(out);
    expect(command!.properties).toEqual({ file: 'package-lock.json', title: 'HIGH: Prototype pollution in lodash' });
    expect(command!.data).toContain('lodash@4.17.15: lodash 4.17.15 is vulnerable');
    expect(command!.data).toContain('fixed in 4.17.19');
  });

  it('stays within 10 per level, keeps an error for the failure, and returns the rest most severe first', async () => {
    const findings = [...codeFindings(12, 'high'), ...codeFindings(3, 'critical'), ...codeFindings(14, 'medium'), ...codeFindings(2, 'low')];
    let result: ReturnType<typeof annotateFindings> | undefined;
    const out = await captureStdout(() => {
      result = annotateFindings(findings, { budget: new AnnotationBudget() });
    });
    const counts = parseWorkflowCommands(out).reduce<Record<string, number>>((acc, c) => ({ ...acc, [c.name]: (acc[c.name] ?? 0) + 1 }), {});
    expect(counts).toEqual({ error: 9, warning: 10, notice: 2 });
    expect(result!.annotated.filter((f) => f.severity === 'critical')).toHaveLength(3);
    expect(result!.notAnnotated.map((f) => f.severity)).toEqual([...Array(6).fill('high'), ...Array(4).fill('medium')]);
  });

  it('counts annotations already issued in the step', async () => {
    const budget = new AnnotationBudget();
    for (let i = 0; i < 8; i += 1) budget.take('warning');
    let result: ReturnType<typeof annotateFindings> | undefined;
    await captureStdout(() => {
      result = annotateFindings(codeFindings(5, 'medium'), { budget });
    });
    expect(result!.annotated).toHaveLength(2);
    expect(result!.notAnnotated).toHaveLength(3);
  });

  it('uses the level the caller decides', async () => {
    const out = await captureStdout(() =>
      annotateFindings(codeFindings(2, 'low'), { budget: new AnnotationBudget(), level: () => 'error' }),
    );
    expect(parseWorkflowCommands(out).map((c) => c.name)).toEqual(['error', 'error']);
  });
});
