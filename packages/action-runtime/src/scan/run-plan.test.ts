import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { silentLogger } from '@gatehouse/findings';
import { packageDraft } from '@gatehouse/findings/test-support';
import { AuditLog } from '@gatehouse/report';
import { AdapterRegistry, type EngineInvocation, type ParseContext, type ScannerAdapter, type ScanPlan } from '@gatehouse/scanners';
import { describe, expect, it } from 'vitest';
import { nativeReportName, runScanPlan } from './run-plan';

const invocation = (engine: string, instance?: string): EngineInvocation => ({ engine, label: engine, options: { workspace: '/ws', targets: [], mode: 'full' }, ...(instance ? { instance } : {}) });

describe('nativeReportName', () => {
  it('names a report after its engine and instance, in safe characters, numbering repeats', () => {
    expect(nativeReportName(invocation('npm-audit', 'web/package-lock.json'), 'json')).toBe('npm-audit-web-package-lock-json.json');
    expect(nativeReportName(invocation('trivy'), 'json', new Set(['trivy.json']))).toBe('trivy-2.json');
  });

  it('keeps a well-known report name, in a folder per instance', () => {
    expect(nativeReportName(invocation('pip-audit'), 'json', new Set(), 'pip-audit.json')).toBe('pip-audit.json');
    expect(nativeReportName(invocation('pip-audit', 'api/requirements.txt'), 'json', new Set(), 'pip-audit.json')).toBe('api-requirements-txt/pip-audit.json');
    expect(nativeReportName(invocation('pip-audit', 'api/requirements.txt'), 'json', new Set(['api-requirements-txt/pip-audit.json']), 'pip-audit.json')).toBe('api-requirements-txt-2/pip-audit.json');
  });

  it('ignores a declared name that is not a plain file name', () => {
    expect(nativeReportName(invocation('x', 'a'), 'json', new Set(), '../escape.json')).toBe('x-a.json');
    expect(nativeReportName(invocation('x', 'a'), 'json', new Set(), 'sub/dir.json')).toBe('x-a.json');
  });
});

/** An in-process engine reporting one lodash finding in the manifest its parse context names. */
function manifestEngine(contexts: (string | undefined)[]): ScannerAdapter {
  return {
    id: 'manifest-engine',
    displayName: 'manifest engine',
    categories: ['sca'],
    formats: ['json'],
    reportName: 'manifest-engine.json',
    runInProcess: async () => '{"ok": true}',
    parseContextFor: async (ctx, instance) => {
      contexts.push(instance);
      return { ...ctx, manifest: instance } as ParseContext;
    },
    parse: (_text, ctx) => {
      const manifest = (ctx as ParseContext & { manifest?: string }).manifest ?? '';
      return {
        findings: [packageDraft({ location: { kind: 'package', purl: 'pkg:npm/lodash@4.17.15', ecosystem: 'npm', name: 'lodash', version: '4.17.15', manifest }, sources: [{ engine: 'manifest-engine', nativeId: 'x' }] })],
        skipped: [],
        incomplete: [],
        nativeCount: 1,
      };
    },
  };
}

describe('runScanPlan', () => {
  it('gives each invocation’s instance to the adapter’s parse context and keeps each report under its well-known name', async () => {
    const contexts: (string | undefined)[] = [];
    const reportsDir = mkdtempSync(join(tmpdir(), 'gatehouse-run-plan-'));
    const plan: ScanPlan = { invocations: [invocation('manifest-engine', 'web/package-lock.json'), invocation('manifest-engine', 'admin/package-lock.json')], notRun: [], notes: [] };
    const { outcomes, reports } = await runScanPlan({
      plan,
      parse: { workspace: '/ws', salt: 's' },
      logger: silentLogger,
      audit: new AuditLog({ clock: () => new Date() }),
      reportsDir,
      registry: new AdapterRegistry([manifestEngine(contexts)]),
      resolve: async (engine) => ({ status: 'available', engine, path: 'in-process', version: 'built-in', source: 'path' }),
    });
    expect(contexts).toEqual(['web/package-lock.json', 'admin/package-lock.json']);
    expect(outcomes.map((o) => o.drafts[0]!.location)).toMatchObject([{ manifest: 'web/package-lock.json' }, { manifest: 'admin/package-lock.json' }]);
    expect(reports.map((r) => relative(reportsDir, r))).toEqual(['web-package-lock-json/manifest-engine.json', 'admin-package-lock-json/manifest-engine.json']);
    expect(reports.every((r) => existsSync(r) && readFileSync(r, 'utf8') === '{"ok": true}')).toBe(true);
  });

  it('reports the engines the plan found unable to work as incomplete, with its reason, next to those it did not run', async () => {
    const plan: ScanPlan = {
      invocations: [],
      notRun: [{ engine: 'npm-audit', reason: 'no package-lock.json' }],
      notes: [],
      incomplete: [{ engine: 'osv-offline', reason: 'the OSV export could not be downloaded' }],
    };
    const { outcomes } = await runScanPlan({ plan, parse: { workspace: '/ws', salt: 's' }, logger: silentLogger, audit: new AuditLog({ clock: () => new Date() }), reportsDir: tmpdir() });
    expect(outcomes.map((o) => o.engine)).toEqual([
      { id: 'npm-audit', status: 'not-run', reason: 'no package-lock.json' },
      { id: 'osv-offline', status: 'incomplete', reason: 'the OSV export could not be downloaded' },
    ]);
  });
});
