// A typed view of the parts of a workflow the checks read: jobs, steps, `uses:` references.
import { isMap, type WorkflowFile, type YamlMap } from './workflow-files';

export interface Step {
  job: string;
  index: number;
  id?: string;
  uses?: string;
  run?: string;
  with: YamlMap;
  raw: YamlMap;
}

export interface Job {
  id: string;
  raw: YamlMap;
  /** A job that calls a reusable workflow (`jobs.<id>.uses`). */
  uses?: string;
  steps: Step[];
}

export function jobsOf(file: WorkflowFile): Job[] {
  const jobs = file.workflow.jobs;
  if (!isMap(jobs)) return [];
  return Object.entries(jobs).map(([id, raw]) => {
    const job = isMap(raw) ? raw : {};
    const steps = Array.isArray(job.steps) ? job.steps : [];
    return {
      id,
      raw: job,
      ...(typeof job.uses === 'string' ? { uses: job.uses } : {}),
      steps: steps.map((s: unknown, index: number): Step => {
        const step = isMap(s) ? s : {};
        return {
          job: id,
          index,
          ...(typeof step.id === 'string' ? { id: step.id } : {}),
          ...(typeof step.uses === 'string' ? { uses: step.uses } : {}),
          ...(typeof step.run === 'string' ? { run: step.run } : {}),
          with: isMap(step.with) ? step.with : {},
          raw: step,
        };
      }),
    };
  });
}

/** The events a workflow runs on, whatever form `on:` takes (string, list or map). */
export function eventsOf(file: WorkflowFile): string[] {
  const on = file.workflow.on;
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  if (isMap(on)) return Object.keys(on);
  return [];
}

export const GATEHOUSE_REPOSITORY = 'gatehouse-sec/gatehouse';

export interface UsesReference {
  /** owner/repo, or '.' for a local action. */
  repository: string;
  /** The path inside the repository ('' for the root action). */
  path: string;
  ref: string;
}

/** `owner/repo[/path]@ref`, `./path`, or undefined for docker:// and malformed references. */
export function parseUses(uses: string): UsesReference | undefined {
  if (uses.startsWith('./')) return { repository: '.', path: uses.slice(2).replace(/\/$/, ''), ref: '' };
  const match = /^([A-Za-z0-9-]+\/[A-Za-z0-9._-]+)((?:\/[^@\s]+)?)@(\S+)$/.exec(uses);
  if (!match) return undefined;
  return { repository: match[1]!, path: match[2]!.replace(/^\//, ''), ref: match[3]! };
}

/** The Gatehouse action a `uses:` names (from this repository or by its published slug), if any. */
export function gatehouseActionName(uses: string): string | undefined {
  const ref = parseUses(uses);
  if (!ref) return undefined;
  if (ref.repository !== '.' && ref.repository !== GATEHOUSE_REPOSITORY) return undefined;
  const match = /^actions\/([a-z0-9-]+)$/.exec(ref.path);
  return match?.[1];
}
