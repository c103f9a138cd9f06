import type { ColdStartRow } from '../suites/cold-start';
import type { DemoRow } from '../suites/demo-share';
import type { ThroughputRow } from '../suites/throughput';

/** One target of issue 11, judged on the medians of this run. */
export interface TargetCheck {
  target: string;
  /** undefined: not measured in this run (e.g. --quick leaves out 100k and 1M). */
  met: boolean | undefined;
  measured: string;
}

export const TARGETS = {
  coldStartVsBareNode: 1.5,
  pipelineVsFloorAt100k: 2,
  perFindingFlatness: 0.25,
  peakRssAt1MGiB: 4,
  demoOwnShare: 0.1,
} as const;

const x = (n: number) => `${n.toFixed(2)}×`;

export function checkTargets(coldStart: readonly ColdStartRow[], throughput: readonly ThroughputRow[], demo: DemoRow | undefined): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const actions = coldStart.filter((r) => r.kind === 'action');
  checks.push({
    target: `cold start ≤ ${TARGETS.coldStartVsBareNode}× bare Node, every action`,
    met: actions.length ? actions.every((r) => r.vsBareNode.median <= TARGETS.coldStartVsBareNode && !r.problems.length) : undefined,
    measured: actions.length ? actions.map((r) => `${r.name} ${x(r.vsBareNode.median)}`).join(', ') : 'no action bundle (actions/*/dist/index.js) present',
  });

  const at100k = throughput.find((r) => r.kind === 'trivy-image' && r.findings >= 100_000 && r.findings < 1_000_000);
  checks.push({
    target: `100k findings (trivy image): pipeline ≤ ${TARGETS.pipelineVsFloorAt100k}× the parse floor`,
    met: at100k ? at100k.vsFloor.median <= TARGETS.pipelineVsFloorAt100k : undefined,
    measured: at100k ? x(at100k.vsFloor.median) : 'not run (--quick)',
  });
  checks.push({
    target: '100k findings (trivy image): faster than the jq gate on the same file',
    met: at100k?.vsJq ? at100k.vsJq.median < 1 : undefined,
    measured: at100k?.vsJq ? `${x(at100k.vsJq.median)} jq's wall time` : 'not run',
  });

  const flat = throughput.filter((r) => r.kind === 'trivy-compact' && r.findings >= 10_000 && Number.isFinite(r.usPerFinding.median));
  const base = flat.find((r) => r.findings < 100_000);
  const spread = base && flat.length > 1 ? flat.map((r) => r.usPerFinding.median / base.usPerFinding.median) : [];
  const oneMillion = throughput.find((r) => r.kind === 'trivy-compact' && r.findings >= 1_000_000);
  checks.push({
    target: `time per finding flat within ±${TARGETS.perFindingFlatness * 100}% from 10k to 1M (trivy compact)`,
    met: spread.length > 1 && flat.some((r) => r.findings >= 1_000_000) ? spread.every((s) => Math.abs(s - 1) <= TARGETS.perFindingFlatness) : undefined,
    measured: spread.length ? flat.map((r, i) => `${r.findings}: ${r.usPerFinding.median.toFixed(1)} µs (${x(spread[i]!)})`).join(', ') : 'not run',
  });
  checks.push({
    target: `1M findings: peak RSS < ${TARGETS.peakRssAt1MGiB} GiB, no crash`,
    met: oneMillion ? !oneMillion.problems.length && oneMillion.peakRssMiB.max < TARGETS.peakRssAt1MGiB * 1024 : undefined,
    measured: oneMillion
      ? [Number.isFinite(oneMillion.peakRssMiB.max) ? `${(oneMillion.peakRssMiB.max / 1024).toFixed(2)} GiB peak` : '', ...oneMillion.problems].filter(Boolean).join('; ')
      : 'not run (--quick)',
  });
  checks.push({
    target: `demo: our share of the wall time < ${TARGETS.demoOwnShare * 100}%`,
    met: demo ? demo.ownShare.median < TARGETS.demoOwnShare && !demo.problems.length : undefined,
    measured: demo ? `${(demo.ownShare.median * 100).toFixed(1)}% (${Math.round(demo.ownMs.median)} ms of ${Math.round(demo.wallMs.median)} ms)` : 'not run',
  });
  return checks;
}
