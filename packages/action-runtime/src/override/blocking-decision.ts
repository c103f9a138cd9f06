import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ConfigurationError, errorMessage, type Decision, type Finding } from '@gatehouse/findings';
import { checkRepositoryPath, type DownloadLimits } from '@gatehouse/github';
import { readReportBytes } from '@gatehouse/pipeline';
import { evaluate } from '@gatehouse/policy';
import { evaluationContext } from '../common/evaluation-context';
import type { FindingsLedger } from '../common/findings-ledger';
import type { TrustedPolicy } from '../common/trusted-policy';
import type { RunArtifactReader } from '../gate/gather-sources';
import { readFindingsDocument } from '../gate/read-findings-document';

/** The decision a deploy is held by, recomputed with the trusted policy. */
export interface BlockingDecision {
  /** Where it was read: `artifact <name>` or `file <path>`. */
  source: string;
  decision: Decision;
  /** Evaluated findings (statuses and suppressions applied). */
  findings: Finding[];
  /** Findings of the document that did not validate: they make the decision incomplete. */
  problems: string[];
}

const FINDINGS_ONLY: DownloadLimits = {
  include: (name) => name === 'findings.json',
  maxZipBytes: 256 * 1024 * 1024,
  maxTotalBytes: 512 * 1024 * 1024,
};

/** A `decision` input naming a file (it has a slash or ends in .json) rather than an artifact of this run. */
export function isDecisionPath(decision: string): boolean {
  return decision.includes('/') || decision.toLowerCase().endsWith('.json');
}

function readWorkspaceFindings(workspace: string, path: string): Uint8Array {
  checkRepositoryPath(path);
  const root = realpathSync(workspace);
  let real: string;
  try {
    real = realpathSync(join(root, path));
  } catch {
    throw new ConfigurationError(`decision: ${path} does not exist in the workspace (did the job download the gate's artifact?)`);
  }
  if (real !== root && !real.startsWith(`${root}${sep}`)) throw new ConfigurationError(`decision: ${path} leads outside the workspace`);
  return readReportBytes(real, path);
}

async function readArtifactFindings(artifacts: RunArtifactReader, name: string): Promise<Uint8Array> {
  let files;
  try {
    files = await artifacts.download(name, FINDINGS_ONLY);
  } catch (error) {
    throw new ConfigurationError(`decision: the artifact ${name} of this run could not be read: ${errorMessage(error).split('\n')[0]!.slice(0, 300)} (does the deploy job need: the gate job?)`);
  }
  const bytes = files.get('findings.json');
  if (!bytes) throw new ConfigurationError(`decision: the artifact ${name} holds no findings.json`);
  return bytes;
}

/**
 * Reads the findings the gate judged (a findings artifact of this run, or a findings.json in the
 * workspace) and decides again with the trusted policy in `deploy` mode: the document's own decision
 * field is not trusted. A finding that does not validate makes the decision incomplete, never clean.
 */
export async function readBlockingDecision(options: {
  decision: string;
  workspace: string;
  artifacts: RunArtifactReader;
  policy: TrustedPolicy;
  /** First-seen dates (SLA due dates), as the gate had them. */
  ledger: FindingsLedger;
  now: Date;
}): Promise<BlockingDecision> {
  const { decision: name, policy, now } = options;
  const path = isDecisionPath(name);
  const source = path ? `file ${name}` : `artifact ${name}`;
  const bytes = path ? readWorkspaceFindings(options.workspace, name) : await readArtifactFindings(options.artifacts, name);
  const read = readFindingsDocument(bytes, path ? name : `${name}/findings.json`);
  const engines = read.problems.length
    ? [...read.engines, { id: 'gatehouse-findings', version: '1', status: 'incomplete' as const, reason: read.problems.join('; ').slice(0, 4_000) }]
    : read.engines;
  const evaluation = evaluate(read.findings, policy.loaded.policy, now, {
    ...(await evaluationContext({ policy, ledger: options.ledger, mode: 'deploy' })),
    engines,
  });
  return { source, decision: evaluation.decision, findings: evaluation.findings, problems: read.problems };
}
