import { createHash } from 'node:crypto';
import { ConfigurationError } from '@gatehouse/findings';

export interface ArtifactNameParts {
  /** What the artifact holds: "findings", "sarif", "reports", "html", "ledger". */
  kind: string;
  /** The Gatehouse action: "sast", "deps-audit", "policy-gate". */
  action: string;
  /** GITHUB_JOB (the job id; the same in every leg of a matrix). */
  job?: string;
  /** The job's matrix, `${{ toJSON(matrix) }}` as text or parsed; legs of one job differ only by it. */
  matrix?: unknown;
}

const MAX_NAME = 200;
const MAX_PART = 60;

/**
 * What @actions/artifact refuses in names is `" : < > | * ? \ /` and CR/LF; we keep to letters,
 * digits, ".", "_" and "-" so that a name is also a safe file and directory name everywhere.
 */
function sanitize(part: string): string {
  return part
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_PART)
    .replace(/[-.]+$/g, '');
}

/** Keys sorted at every level, so the same matrix always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Eight hex digits identifying a matrix leg; undefined when the job has no matrix ("", "null", {}). */
export function matrixHash(matrix: unknown): string | undefined {
  let value = matrix;
  if (typeof matrix === 'string') {
    const text = matrix.trim();
    if (text === '' || text === 'null') return undefined;
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
    }
  }
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 8);
}

/**
 * `gatehouse-<kind>-<action>-<job>[-<matrix-hash>]`, unique per job and per matrix leg (artifact
 * names are unique within a run), in characters every file system and the artifact service accept.
 */
export function artifactName(parts: ArtifactNameParts, env: NodeJS.ProcessEnv = process.env): string {
  const kind = sanitize(parts.kind);
  const action = sanitize(parts.action);
  if (!kind || !action) throw new ConfigurationError(`artifact name: kind ${JSON.stringify(parts.kind)} and action ${JSON.stringify(parts.action)} must hold letters or digits`);
  const job = sanitize(parts.job ?? env.GITHUB_JOB ?? '');
  const hash = matrixHash(parts.matrix);
  const name = ['gatehouse', kind, action, job, hash].filter(Boolean).join('-');
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 9)}-${createHash('sha256').update(name).digest('hex').slice(0, 8)}`;
}

/** Refuses a name the artifact service would (or that is not one of ours to make). */
export function checkArtifactName(name: string): string {
  if (name.length === 0 || name.length > MAX_NAME || !/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new ConfigurationError(`artifact name ${JSON.stringify(name).slice(0, 220)} must be 1 to ${MAX_NAME} letters, digits, ".", "_" or "-"`);
  }
  return name;
}
