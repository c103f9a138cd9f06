import { gzipSync } from 'node:zlib';
import type { EngineStatus, Finding, FindingsDocument, Logger } from '@gatehouse/findings';
import { compareBySeverity, primaryEngine, sortBySeverity } from '../finding-view/finding-order';
import { truncateText } from '../text/truncate-text';
import { resolveLimits, type SarifLimits } from './limits';
import { OmissionTally, type OmissionReason, type OmissionReport } from './omission-report';
import { ruleDescriptor } from './rule-descriptor';
import { displayRuleId } from '../finding-view/rule-id';
import { sarifResult } from './sarif-result';
import { SARIF_SCHEMA_URI, type SarifLog, type SarifReportingDescriptor, type SarifResult, type SarifRun } from './sarif-log';
import { LineHashCache, type SourceFileReader, type SourceLineReader } from './source-file-reader';

export const GATEHOUSE_INFORMATION_URI = 'https://gatehouse.dev/';

export interface SarifBuildOptions {
  /** Reads a workspace file, for GitHub-identical `primaryLocationLineHash` values (preferred). */
  readFile?: SourceFileReader;
  /** Reads one line of a workspace file; used to rebuild the file when no `readFile` is given. */
  readLine?: SourceLineReader;
  limits?: Partial<SarifLimits>;
  /** Gatehouse's version for `tool.driver.version`; defaults to the document's. */
  toolVersion?: string;
  informationUri?: string;
  /** Repository-relative Dockerfile of the scanned image: where image findings point. */
  dockerfile?: string;
  /** Upload the findings of engines that did not finish (default: leave their runs out). */
  includeIncompleteEngines?: boolean;
  logger?: Logger;
}

export interface SarifBuildResult {
  sarif: SarifLog;
  /** `sarif` as compact JSON: the text that was measured against the size limit, ready to write. */
  json: string;
  /**
   * `json` gzip-compressed (level 1), as measured against the size limit. The upload API takes
   * gzip: send these bytes rather than compressing 50 MB again.
   */
  gzipped: Buffer;
  /** `gzipped.length`: what was checked against the limit. */
  gzippedBytes: number;
  omitted: OmissionReport;
}

interface RunPlan {
  engine: string;
  status: EngineStatus;
  engineVersion?: string;
  /** Open findings of the engine, most severe first. */
  open: Finding[];
  /** What goes into the file, most severe first. */
  kept: Finding[];
}

// Each pass drops a share of the least severe results; the size falls fast, so a few passes suffice.
const MAX_SIZE_PASSES = 12;
const SIZE_TARGET_RATIO = 0.95;

/**
 * SARIF 2.1.0 for GitHub code scanning (docs/sarif.md): one run per engine, each with its own
 * category `gatehouse/<engine>/`, so each engine's alerts open and close on their own. A finding
 * belongs to the run of its first source engine (the primary engine of a merged finding). Suppressed
 * findings are left out. Within GitHub's limits: the most severe results are kept, and what was left
 * out is said in each run's properties and in the returned OmissionReport.
 */
export function buildSarif(doc: FindingsDocument, options: SarifBuildOptions = {}): SarifBuildResult {
  const limits = resolveLimits(options.limits);
  const tally = new OmissionTally();
  const ruleIds = new RuleIds();
  const plans = planRuns(doc, options, limits, tally, ruleIds);
  const lineHashes = new LineHashCache(options.readFile, options.readLine, options.logger);
  const builder = new RunBuilder(lineHashes, limits, options, doc.tool.version, ruleIds);

  let sarif = builder.log(plans, tally);
  let json = JSON.stringify(sarif);
  let gzipped = compress(json);
  for (let pass = 0; gzipped.length > limits.gzippedBytes && pass < MAX_SIZE_PASSES; pass += 1) {
    if (!dropLeastSevere(plans, tally, gzipped.length, limits.gzippedBytes)) break;
    sarif = builder.log(plans, tally);
    json = JSON.stringify(sarif);
    gzipped = compress(json);
  }
  if (gzipped.length > limits.gzippedBytes) {
    options.logger?.error(`SARIF is ${gzipped.length} bytes gzipped even without results, over the ${limits.gzippedBytes}-byte limit`);
  }
  return { sarif, json, gzipped, gzippedBytes: gzipped.length, omitted: tally.report() };
}

// Level 1 is the fastest; large output chunks save the many small buffers zlib would otherwise join.
function compress(json: string): Buffer {
  return gzipSync(Buffer.from(json, 'utf8'), { level: 1, chunkSize: 1 << 20 });
}

function planRuns(doc: FindingsDocument, options: SarifBuildOptions, limits: SarifLimits, tally: OmissionTally, ruleIds: RuleIds): RunPlan[] {
  const openByEngine = new Map<string, Finding[]>();
  for (const finding of doc.findings) {
    if (finding.status !== 'open') {
      tally.suppressed += 1;
      continue;
    }
    const engine = primaryEngine(finding);
    const list = openByEngine.get(engine);
    if (list) list.push(finding);
    else openByEngine.set(engine, [finding]);
  }
  const runsById = new Map(doc.engines.map((e) => [e.id, e]));
  const engineIds = [...new Set([...doc.engines.map((e) => e.id), ...openByEngine.keys()])];
  const plans: RunPlan[] = [];
  for (const engine of engineIds) {
    const run = runsById.get(engine);
    const status = run?.status ?? 'ran';
    const open = sortBySeverity(openByEngine.get(engine) ?? []);
    if (status === 'incomplete' && !options.includeIncompleteEngines) {
      omit(tally, engine, open, 'engine-incomplete');
      continue;
    }
    // An engine that did not run has nothing to say; an empty run would close its alerts.
    if (status === 'not-run' && open.length === 0) continue;
    const plan: RunPlan = { engine, status, open, kept: open };
    const version = run?.version ?? open[0]?.sources[0]?.engineVersion;
    if (version) plan.engineVersion = version;
    plans.push(plan);
  }
  plans.sort((a, b) => compareRunSeverity(a, b) || (a.engine < b.engine ? -1 : a.engine > b.engine ? 1 : 0));
  for (const dropped of plans.splice(limits.runs)) omit(tally, dropped.engine, dropped.open, 'runs-limit');
  for (const plan of plans) {
    plan.kept = plan.open.slice(0, limits.resultsPerRun);
    omit(tally, plan.engine, plan.open.slice(limits.resultsPerRun), 'results-per-run-limit');
    plan.kept = keepWithinRuleLimit(plan, limits.rulesPerRun, tally, ruleIds);
  }
  return plans;
}

function compareRunSeverity(a: RunPlan, b: RunPlan): number {
  const fa = a.open[0];
  const fb = b.open[0];
  if (fa && fb) return compareBySeverity(fa, fb);
  return fa ? -1 : fb ? 1 : 0;
}

/** Keeps results whose rule is among the first `rulesPerRun` rules met in severity order. */
function keepWithinRuleLimit(plan: RunPlan, rulesPerRun: number, tally: OmissionTally, ruleIds: RuleIds): Finding[] {
  const rules = new Set<string>();
  const kept: Finding[] = [];
  for (const finding of plan.kept) {
    const ruleId = ruleIds.of(finding);
    if (!rules.has(ruleId) && rules.size >= rulesPerRun) {
      tally.add(plan.engine, finding.severity, 'rules-per-run-limit');
      continue;
    }
    rules.add(ruleId);
    kept.push(finding);
  }
  return kept;
}

/** Rule ids are needed in planning and again in every size pass; canonical ids take some work. */
class RuleIds {
  private readonly ids = new Map<Finding, string>();

  of(finding: Finding): string {
    const kind = finding.location.kind;
    // Only vulnerabilities need their alias group's canonical id; a code rule id is cheap.
    if (kind !== 'package' && kind !== 'image') return displayRuleId(finding);
    let id = this.ids.get(finding);
    if (id === undefined) {
      id = displayRuleId(finding);
      this.ids.set(finding, id);
    }
    return id;
  }
}

function omit(tally: OmissionTally, engine: string, findings: readonly Finding[], reason: OmissionReason): void {
  for (const f of findings) tally.add(engine, f.severity, reason);
}

/**
 * Drops the least severe results across all runs, about as many as the size is over (assuming
 * results of similar size), so criticals go last. Returns false when nothing is left to drop.
 */
function dropLeastSevere(plans: RunPlan[], tally: OmissionTally, size: number, limit: number): boolean {
  const planOf = new Map<Finding, RunPlan>();
  for (const plan of plans) for (const finding of plan.kept) planOf.set(finding, plan);
  if (planOf.size === 0) return false;
  const all = sortBySeverity([...planOf.keys()]).map((finding) => ({ plan: planOf.get(finding)!, finding }));
  const share = 1 - (limit * SIZE_TARGET_RATIO) / size;
  const count = Math.min(all.length, Math.max(1, Math.ceil(all.length * share)));
  const dropped = new Set<Finding>();
  for (const { plan, finding } of all.slice(all.length - count)) {
    dropped.add(finding);
    tally.add(plan.engine, finding.severity, 'size-limit');
  }
  for (const plan of plans) plan.kept = plan.kept.filter((f) => !dropped.has(f));
  return true;
}

/** Turns plans into SARIF, reusing rules and results across size passes. */
class RunBuilder {
  private readonly results = new Map<Finding, SarifResult>();
  private readonly rules = new Map<string, SarifReportingDescriptor>();
  private readonly informationUri: string;
  private readonly toolVersion: string;

  constructor(
    private readonly lineHashes: LineHashCache,
    private readonly limits: SarifLimits,
    private readonly options: SarifBuildOptions,
    documentToolVersion: string,
    private readonly ruleIds: RuleIds,
  ) {
    this.informationUri = options.informationUri ?? GATEHOUSE_INFORMATION_URI;
    this.toolVersion = truncateText(options.toolVersion ?? documentToolVersion, 100);
  }

  log(plans: readonly RunPlan[], tally: OmissionTally): SarifLog {
    return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: plans.map((plan) => this.run(plan, tally)) };
  }

  private run(plan: RunPlan, tally: OmissionTally): SarifRun {
    const ruleIndex = new Map<string, number>();
    const rules: SarifReportingDescriptor[] = [];
    const results: SarifResult[] = [];
    const engineName = safeName(plan.engine);
    for (const finding of plan.kept) {
      const ruleId = this.ruleIds.of(finding);
      let index = ruleIndex.get(ruleId);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(ruleId, index);
        // Kept findings are most severe first: the first of a rule describes it.
        rules.push(this.rule(plan.engine, ruleId, finding));
      }
      results.push(this.result(finding, ruleId, index));
    }
    const omitted = tally.forEngine(plan.engine);
    const driver: SarifRun['tool']['driver'] = { name: `gatehouse/${engineName}`, version: this.toolVersion };
    if (/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/.test(this.toolVersion)) driver.semanticVersion = this.toolVersion;
    driver.informationUri = this.informationUri;
    driver.rules = rules;
    const extension: SarifRun['tool']['driver'] = { name: truncateText(plan.engine, 100) };
    if (plan.engineVersion) extension.version = truncateText(plan.engineVersion, 100);
    return {
      tool: { driver, extensions: [extension] },
      automationDetails: { id: `gatehouse/${engineName}/` },
      columnKind: 'utf16CodeUnits',
      invocations: [{ executionSuccessful: plan.status !== 'incomplete' }],
      results,
      properties: {
        gatehouse: {
          engine: truncateText(plan.engine, 100),
          engineStatus: plan.status,
          openFindings: plan.open.length,
          results: results.length,
          omitted: omitted ? { total: omitted.total, bySeverity: omitted.bySeverity, byReason: omitted.byReason } : { total: 0 },
        },
      },
    };
  }

  private rule(engine: string, ruleId: string, finding: Finding): SarifReportingDescriptor {
    const key = `${engine}\u0000${ruleId}`;
    let rule = this.rules.get(key);
    if (!rule) {
      rule = ruleDescriptor(ruleId, finding, this.limits.tagsPerRule);
      this.rules.set(key, rule);
    }
    return rule;
  }

  private result(finding: Finding, ruleId: string, ruleIndex: number): SarifResult {
    let result = this.results.get(finding);
    if (!result) {
      result = sarifResult(finding, ruleId, ruleIndex, this.lineHashes, this.options);
      this.results.set(finding, result);
    }
    result.ruleIndex = ruleIndex;
    return result;
  }
}

/** Engine ids go into tool names and categories: letters, digits, `.`, `_` and `-` only. */
function safeName(engine: string): string {
  return truncateText(engine.replace(/[^A-Za-z0-9._-]/g, '-'), 100, '') || 'unknown';
}
