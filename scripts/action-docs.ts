// The inputs and outputs tables of each action's README.md and docs/actions/<name>.md are generated from
// its action.yml: `npx tsx scripts/action-docs.ts` rewrites them, tests/docs/action-docs.test.ts fails on drift.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

interface ActionManifest {
  inputs?: Record<string, { description?: string; default?: string | number | boolean; required?: boolean }>;
  outputs?: Record<string, { description?: string }>;
}

/** A cell's text: one line, pipes escaped, as GitHub renders it. */
const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim().replace(/\|/g, '\\|');

function defaultCell(input: { default?: string | number | boolean; required?: boolean }): string {
  if (input.default === undefined) return input.required ? 'required' : '';
  return input.default === '' ? '`""`' : `\`${String(input.default)}\``;
}

export function inputsTable(manifest: ActionManifest): string {
  const rows = Object.entries(manifest.inputs ?? {}).map(([name, input]) => `| \`${name}\` | ${defaultCell(input)} | ${cell(input.description ?? '')} |`);
  return ['| Input | Default | Description |', '|---|---|---|', ...rows].join('\n');
}

export function outputsTable(manifest: ActionManifest): string {
  const rows = Object.entries(manifest.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`);
  return ['| Output | Description |', '|---|---|', ...rows].join('\n');
}

/** Replaces the table whose header row starts with `| <first> |` (it must exist: a page without one is a mistake). */
function replaceTable(markdown: string, first: string, table: string, file: string): string {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  if (start < 0) throw new Error(`${file}: no table whose header starts with "| ${first} |"`);
  let end = start;
  while (end < lines.length && lines[end]!.startsWith('|')) end += 1;
  return [...lines.slice(0, start), table, ...lines.slice(end)].join('\n');
}

export function withGeneratedTables(markdown: string, manifest: ActionManifest, file: string): string {
  let result = markdown;
  if (Object.keys(manifest.inputs ?? {}).length > 0) result = replaceTable(result, 'Input', inputsTable(manifest), file);
  if (Object.keys(manifest.outputs ?? {}).length > 0) result = replaceTable(result, 'Output', outputsTable(manifest), file);
  return result;
}

export function actionNames(root: string): string[] {
  return readdirSync(join(root, 'actions'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, 'actions', entry.name, 'action.yml')))
    .map((entry) => entry.name)
    .sort();
}

export function readManifest(root: string, action: string): ActionManifest {
  return parse(readFileSync(join(root, 'actions', action, 'action.yml'), 'utf8')) as ActionManifest;
}

/** The pages whose tables come from the action's action.yml. */
export const documentationPages = (action: string) => [`actions/${action}/README.md`, `docs/actions/${action}.md`];

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.cwd();
  for (const action of actionNames(root)) {
    const manifest = readManifest(root, action);
    for (const page of documentationPages(action)) {
      const path = join(root, page);
      const before = readFileSync(path, 'utf8');
      const after = withGeneratedTables(before, manifest, page);
      if (after !== before) {
        writeFileSync(path, after);
        console.log(`rewrote the tables of ${page}`);
      }
    }
  }
}
