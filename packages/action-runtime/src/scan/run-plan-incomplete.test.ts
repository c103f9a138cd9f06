import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@gatehouse/findings';
import { AuditLog } from '@gatehouse/report';
import { describe, expect, it } from 'vitest';
import { runScanPlan } from './run-plan';

describe('runScanPlan', () => {
  it('reports the engines a plan says cannot run completely as incomplete, with the plan\u2019s reason, next to those it chose not to run', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-run-plan-'));
    const { outcomes, reports } = await runScanPlan({
      plan: {
        invocations: [],
        notRun: [{ engine: 'trufflehog', reason: 'trufflehog is optional and not turned on' }],
        notes: [],
        incomplete: [{ engine: 'gitleaks', reason: 'the range cannot be scanned completely: the base commit is not in the checkout' }],
      },
      parse: { workspace, salt: 'salt' },
      logger: silentLogger,
      audit: new AuditLog({ clock: () => new Date('2026-01-01T00:00:00Z') }),
      reportsDir: join(workspace, 'reports'),
      resolve: () => {
        throw new Error('no engine should be resolved');
      },
    });
    expect(outcomes.map((o) => [o.engine.id, o.engine.status, o.engine.reason])).toEqual([
      ['trufflehog', 'not-run', 'trufflehog is optional and not turned on'],
      ['gitleaks', 'incomplete', 'the range cannot be scanned completely: the base commit is not in the checkout'],
    ]);
    expect(reports).toEqual([]);
  });
});
