// Checks that workflows use Gatehouse's actions and its reusable workflow only through what they
// declare: every `with:` key is an input of the action's action.yml (and every required input is
// given), every `steps.<id>.outputs.<name>` and `needs.<job>.outputs.<name>` is a declared output.
// An action whose action.yml does not exist is a problem, never a silent pass.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { isMap, repositoryRoot, type WorkflowFile, type YamlMap } from './workflow-files';
import { GATEHOUSE_REPOSITORY, gatehouseActionName, jobsOf, parseUses, type Job } from './workflow-model';

export interface Interface {
  source: string;
  inputs: Map<string, { required: boolean }>;
  outputs: Set<string>;
  secrets?: Set<string>;
}

export function actionInterface(name: string, root = repositoryRoot): Interface | undefined {
  const path = join(root, 'actions', name, 'action.yml');
  if (!existsSync(path)) return undefined;
  const manifest = parse(readFileSync(path, 'utf8')) as YamlMap;
  const inputs = new Map<string, { required: boolean }>();
  for (const [key, spec] of Object.entries(isMap(manifest.inputs) ? manifest.inputs : {})) {
    const s = isMap(spec) ? spec : {};
    inputs.set(key, { required: s.required === true && s.default === undefined });
  }
  return { source: `actions/${name}/action.yml`, inputs, outputs: new Set(Object.keys(isMap(manifest.outputs) ? manifest.outputs : {})) };
}

const SECURITY_WORKFLOW = '.github/workflows/security.yml';

export function reusableWorkflowInterface(root = repositoryRoot): Interface | undefined {
  const path = join(root, SECURITY_WORKFLOW);
  if (!existsSync(path)) return undefined;
  const workflow = parse(readFileSync(path, 'utf8')) as YamlMap;
  const on = isMap(workflow.on) ? workflow.on : {};
  const call = isMap(on.workflow_call) ? on.workflow_call : {};
  const inputs = new Map<string, { required: boolean }>();
  for (const [key, spec] of Object.entries(isMap(call.inputs) ? call.inputs : {})) {
    const s = isMap(spec) ? spec : {};
    inputs.set(key, { required: s.required === true && s.default === undefined });
  }
  return {
    source: SECURITY_WORKFLOW,
    inputs,
    outputs: new Set(Object.keys(isMap(call.outputs) ? call.outputs : {})),
    secrets: new Set(Object.keys(isMap(call.secrets) ? call.secrets : {})),
  };
}

/** Whether a job-level `uses:` calls Gatehouse's reusable security workflow. */
function callsSecurityWorkflow(uses: string): boolean {
  if (uses === `./${SECURITY_WORKFLOW}`) return true;
  const ref = parseUses(uses);
  return ref?.repository === GATEHOUSE_REPOSITORY && ref.path === SECURITY_WORKFLOW;
}

/** Every string inside a value, with where it is. */
function strings(value: unknown, where: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([where, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${where}[${i}]`, out));
  else if (isMap(value)) for (const [k, v] of Object.entries(value)) strings(v, `${where}.${k}`, out);
  return out;
}

function checkWith(problems: string[], where: string, given: YamlMap, contract: Interface): void {
  for (const key of Object.keys(given)) {
    if (!contract.inputs.has(key)) problems.push(`${where}: input "${key}" is not declared by ${contract.source} (it has ${[...contract.inputs.keys()].join(', ')})`);
  }
  for (const [key, { required }] of contract.inputs) {
    if (required && !(key in given)) problems.push(`${where}: required input "${key}" of ${contract.source} is not given`);
  }
}

export function actionContractProblems(file: WorkflowFile, root = repositoryRoot): string[] {
  const problems: string[] = [];
  const jobs = jobsOf(file);
  const jobById = new Map(jobs.map((j) => [j.id, j]));
  const reusable = reusableWorkflowInterface(root);

  /** The outputs `needs.<job>.outputs.*` may name: the job's own outputs map, or the called workflow's. */
  const jobOutputs = (job: Job): { names: Set<string>; source: string } =>
    job.uses && callsSecurityWorkflow(job.uses)
      ? { names: reusable?.outputs ?? new Set(), source: SECURITY_WORKFLOW }
      : { names: new Set(Object.keys(isMap(job.raw.outputs) ? job.raw.outputs : {})), source: `jobs.${job.id}.outputs` };

  for (const job of jobs) {
    if (job.uses && callsSecurityWorkflow(job.uses)) {
      if (!reusable) problems.push(`jobs.${job.id}: ${SECURITY_WORKFLOW} does not exist`);
      else {
        checkWith(problems, `jobs.${job.id}.with`, isMap(job.raw.with) ? job.raw.with : {}, reusable);
        const secrets = job.raw.secrets;
        if (isMap(secrets)) {
          for (const key of Object.keys(secrets)) {
            if (!reusable.secrets!.has(key)) problems.push(`jobs.${job.id}.secrets: secret "${key}" is not declared by ${SECURITY_WORKFLOW}`);
          }
        }
      }
    }

    const stepActions = new Map<string, Interface | undefined>();
    const stepIds = new Set<string>();
    for (const step of job.steps) {
      if (step.id) stepIds.add(step.id);
      const name = step.uses ? gatehouseActionName(step.uses) : undefined;
      if (name === undefined) continue;
      const where = `jobs.${job.id}.steps[${step.index}] (${step.uses})`;
      const contract = actionInterface(name, root);
      if (!contract) {
        problems.push(`${where}: actions/${name}/action.yml does not exist`);
      } else {
        checkWith(problems, where, step.with, contract);
      }
      if (step.id) stepActions.set(step.id, contract);
    }

    for (const [where, text] of strings(job.raw, `jobs.${job.id}`)) {
      for (const m of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const [, id, output] = m;
        if (!stepIds.has(id!)) problems.push(`${where}: step "${id}" does not exist in job ${job.id}`);
        else if (stepActions.has(id!)) {
          const contract = stepActions.get(id!);
          if (contract && !contract.outputs.has(output!)) problems.push(`${where}: output "${output}" is not declared by ${contract.source} (it has ${[...contract.outputs].join(', ')})`);
        }
      }
      for (const m of text.matchAll(/needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        const [, needed, output] = m;
        const neededJob = jobById.get(needed!);
        if (!neededJob) {
          problems.push(`${where}: job "${needed}" does not exist`);
          continue;
        }
        const outputs = jobOutputs(neededJob);
        if (!outputs.names.has(output!)) problems.push(`${where}: output "${output}" is not declared by ${outputs.source}`);
      }
    }
  }

  // A reusable workflow's own outputs come from its jobs' outputs.
  const on = isMap(file.workflow.on) ? file.workflow.on : {};
  const call = isMap(on.workflow_call) ? on.workflow_call : {};
  for (const [where, text] of strings(call.outputs, 'on.workflow_call.outputs')) {
    for (const m of text.matchAll(/jobs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const job = jobById.get(m[1]!);
      if (!job) problems.push(`${where}: job "${m[1]}" does not exist`);
      else if (!jobOutputs(job).names.has(m[2]!)) problems.push(`${where}: output "${m[2]}" is not declared by jobs.${job.id}.outputs`);
    }
  }
  return problems;
}
