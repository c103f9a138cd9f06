// Finds and reads the workflows the hardening and contract tests check: the suite's own
// .github/workflows and the starter workflows in workflows-templates/.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument } from 'yaml';

export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Files in workflows-templates/ that are templates but not workflows (they have their own checks). */
export const NON_WORKFLOW_TEMPLATES = ['dependabot.yml', '.pre-commit-config.yaml'];

export type YamlMap = Record<string, unknown>;

export interface WorkflowFile {
  /** Repository-relative, forward slashes. */
  path: string;
  text: string;
  /** The parsed workflow (plain data). */
  workflow: YamlMap;
  /** 1-based line of a character offset in `text`. */
  lineOf(offset: number): number;
}

export function readWorkflow(absolutePath: string, root = repositoryRoot): WorkflowFile {
  const text = readFileSync(absolutePath, 'utf8');
  return parseWorkflow(text, relative(root, absolutePath).split('\\').join('/'));
}

export function parseWorkflow(text: string, path: string): WorkflowFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  const workflow = doc.toJS({ maxAliasCount: 0 }) as unknown;
  if (!isMap(workflow)) throw new Error(`${path}: not a YAML mapping`);
  return { path, text, workflow, lineOf: (offset) => lineCounter.linePos(offset).line };
}

export function isMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

/** Every workflow of the repository: .github/workflows/* and the workflow templates. */
export function repositoryWorkflows(root = repositoryRoot): WorkflowFile[] {
  const own = yamlFiles(join(root, '.github', 'workflows'));
  const templates = yamlFiles(join(root, 'workflows-templates')).filter(
    (file) => !NON_WORKFLOW_TEMPLATES.some((name) => file.endsWith(`/${name}`)),
  );
  return [...own, ...templates].map((file) => readWorkflow(file, root));
}

export function fixtureWorkflow(name: string): WorkflowFile {
  return readWorkflow(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)));
}
