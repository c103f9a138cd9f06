import { describe, expect, it } from 'vitest';
import { CATEGORIES, DecisionSchema, FindingSchema, SEVERITIES, type EngineRun, type Finding } from '@gatehouse/findings';
import type { PolicyInput } from '../schema/policy-schema';
import { codeFinding, DAY, NOW, packageFinding, policyOf } from '../test-support/policy-fixtures';
import type { VexStatement } from '../vex/vex-statement';
import { VEX_STATUSES } from '../vex/vex-statement';
import { evaluate, type EvaluationContext } from './evaluate';

/** Small deterministic PRNG (mulberry32) so a failing case can be replayed from its seed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return { next, pick, chance: (p: number) => next() < p };
}

const CVES = ['CVE-2020-8203', 'CVE-2021-23337', 'CVE-2022-0001', 'GHSA-p6mc-m468-83gw'];
const PACKAGES = ['pkg:npm/lodash@4.17.15', 'pkg:npm/lodash@4.17.21', 'pkg:pypi/pyyaml@5.3', 'pkg:deb/debian/openssl@3.0.2'];
const PATHS = ['app/main.py', 'tests/test_app.py', 'src/server.js', '.github/workflows/ci.yml'];

function scenario(seed: number): { findings: Finding[]; policy: Omit<PolicyInput, 'version'>; context: EvaluationContext; now: Date } {
  const r = random(seed);
  const findings: Finding[] = [];
  const count = Math.floor(r.next() * 12);
  for (let i = 0; i < count; i++) {
    const severity = r.pick(SEVERITIES);
    const suppressed = r.chance(0.2);
    const suppression = suppressed ? { kind: r.pick(['inline', 'exception', 'vex', 'baseline'] as const), reason: 'carried' } : undefined;
    if (r.chance(0.5)) {
      const purl = r.pick(PACKAGES);
      const [, type, rest] = /^pkg:([^/]+)\/(.+)@(.+)$/.exec(purl)!;
      const id = r.pick(CVES);
      findings.push(
        packageFinding({
          severity,
          ruleId: id,
          aliases: r.chance(0.5) ? [id, 'GHSA-p6mc-m468-83gw'] : [id],
          identifiers: [],
          category: r.pick(['sca', 'container'] as const),
          location: { kind: 'package', purl, ecosystem: type!, name: rest!, version: '1', manifest: r.pick(['package-lock.json', 'tests/fixtures/package-lock.json']) },
          fix: r.chance(0.5) ? { available: true, versions: ['9.9.9'], state: 'fixed' } : { available: false, versions: [], state: 'not_fixed' },
          ...(suppression ? { status: 'suppressed' as const, suppression } : {}),
        }),
      );
    } else {
      findings.push(
        codeFinding({
          severity,
          category: r.pick(CATEGORIES.filter((c) => c === 'sast' || c === 'secret' || c === 'iac')),
          ruleId: r.pick(['B602', 'B101', 'generic-api-key']),
          location: { kind: 'code', path: r.pick(PATHS), startLine: 1 + Math.floor(r.next() * 50) },
          ...(suppression ? { status: 'suppressed' as const, suppression } : {}),
        }),
      );
    }
  }
  const now = new Date(NOW.getTime() + Math.floor(r.next() * 60) * DAY);
  const exceptions = Array.from({ length: Math.floor(r.next() * 4) }, () => {
    const id = r.chance(0.6) ? { id: r.pick([...CVES, 'B101']) } : {};
    const purl = r.chance(0.3) ? { purl: r.pick(['pkg:npm/lodash', 'pkg:pypi/PyYAML@5.3']) } : {};
    // Every exception needs a matcher: fall back to a path when it has neither id nor purl.
    const needsPath = !('id' in id) && !('purl' in purl);
    const path = needsPath || r.chance(0.3) ? { path: r.pick(['tests/**', '**/*.py', '.github/**']) } : {};
    return { ...id, ...purl, ...path, reason: 'accepted', owner: 'team', expires: r.pick(['2025-06-05', '2025-07-15', '2025-08-20', '2026-06-01']) };
  });
  const policy: Omit<PolicyInput, 'version'> = {
    rules: { block: r.pick(['critical', 'high', 'medium', 'none'] as const), requireFix: r.chance(0.3) },
    unknownSeverity: r.pick(['critical', 'high', 'low'] as const),
    incomplete: r.pick(['fail', 'warn'] as const),
    sla: { breach: r.pick(['block', 'warn'] as const) },
    engines: { required: r.chance(0.3) ? ['gitleaks'] : [] },
    exceptions,
  };
  const engines: EngineRun[] = r.chance(0.3) ? [{ id: 'trivy', status: 'incomplete', reason: 'db' }] : [{ id: 'trivy', status: 'ran' }];
  const vex: VexStatement[] = r.chance(0.5)
    ? [{ format: 'openvex', source: 'v.json', vulnerability: r.pick(CVES), aliases: [], status: r.pick(VEX_STATUSES), products: [], timestamp: '2025-01-01T00:00:00Z' }]
    : [];
  const context: EvaluationContext = {
    engines,
    vex,
    mode: r.pick(['pr', 'push', 'deploy', 'local'] as const),
    firstSeen: new Map(findings.filter(() => r.chance(0.5)).map((f) => [f.id, '2025-05-01T00:00:00.000Z'])),
    ...(r.chance(0.5) ? { baseline: new Set(findings.filter(() => r.chance(0.5)).map((f) => f.id)) } : {}),
  };
  return { findings, policy, context, now };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

const snapshot = (context: EvaluationContext) => ({
  ...context,
  firstSeen: context.firstSeen ? [...context.firstSeen] : undefined,
  baseline: context.baseline ? [...context.baseline] : undefined,
});

describe('evaluate: properties over generated runs', () => {
  const SEEDS = Array.from({ length: 300 }, (_, i) => i + 1);

  it('never mutates its inputs (findings, policy, context, clock)', () => {
    for (const seed of SEEDS) {
      const { findings, policy: input, context, now } = scenario(seed);
      const policy = policyOf(input);
      const before = structuredClone({ findings, policy, context: snapshot(context), now: now.getTime() });
      deepFreeze(findings);
      deepFreeze(policy);
      deepFreeze(context.vex);
      deepFreeze(context.engines);
      evaluate(findings, policy, now, context);
      expect({ findings, policy, context: snapshot(context), now: now.getTime() }, `seed ${seed}`).toEqual(before);
    }
  });

  it('always returns a schema-valid decision and findings, consistent with each other', () => {
    for (const seed of SEEDS) {
      const { findings, policy, context, now } = scenario(seed);
      const { decision, findings: out } = evaluate(findings, policyOf(policy), now, context);
      expect(DecisionSchema.safeParse(decision).success, `seed ${seed}`).toBe(true);
      for (const finding of out) expect(FindingSchema.safeParse(finding).success, `seed ${seed}`).toBe(true);
      expect(out.map((f) => f.id)).toEqual(findings.map((f) => f.id));
      const open = new Set(out.filter((f) => f.status === 'open').map((f) => f.id));
      // Suppressed findings never block or warn.
      for (const id of [...decision.blockingIds, ...decision.warningIds]) expect(open.has(id), `seed ${seed}`).toBe(true);
      expect(decision.counts.blocking).toBe(decision.blockingIds.length);
      expect(decision.counts.open + decision.counts.suppressed).toBe(findings.length);
      // The verdict follows the strongest reason, and a blocking finding always has a block reason.
      const kinds = new Set(decision.reasons.map((r) => r.kind));
      const expected = kinds.has('incomplete') ? 'incomplete' : kinds.has('block') ? 'block' : kinds.has('warn') ? 'warn' : 'pass';
      expect(decision.verdict, `seed ${seed}`).toBe(expected);
      if (decision.blockingIds.length > 0) expect(kinds.has('block'), `seed ${seed}`).toBe(true);
      for (const finding of out) if (finding.status === 'suppressed') expect(finding.suppression, `seed ${seed}`).toBeDefined();
    }
  });

  it('is deterministic: the same inputs give the same result', () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const { findings, policy, context, now } = scenario(seed);
      expect(evaluate(findings, policyOf(policy), now, context)).toEqual(evaluate(findings, policyOf(policy), now, context));
    }
  });
});
