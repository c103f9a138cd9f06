import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, ParseError } from '@gatehouse/findings';
import type { ParseContext, ScannerAdapter } from './adapter';
import { ADAPTER_CONFORMANCE, FIXTURE_EXPECTATIONS, type AdapterConformance } from './conformance/expectations';
import { routesOf } from './conformance/fixture-routes';
import { createDefaultRegistry } from './default-registry';
import { decodeReport } from './report-text';

/**
 * Every engine is held to the same contract (ARCHITECTURE.md, "An engine"): unit tests and
 * scenario fixtures of its own; every real report of ../shared/fixtures in a format it reads parses
 * with no crash and no dropped finding, with the counts of conformance/expectations.ts; and hostile
 * input ({}, [], a truncated or UTF-16 report, another engine's report) is a ParseError naming the
 * file, never "0 findings".
 */

const SRC = fileURLToPath(new URL('.', import.meta.url));
const REPO_ROOT = join(SRC, '..', '..', '..');
const FIXTURES = join(REPO_ROOT, '..', 'shared', 'fixtures');
const HAVE_FIXTURES = existsSync(FIXTURES);
if (!HAVE_FIXTURES) console.warn(`conformance: ${FIXTURES} not found; the real-report checks are skipped`);

const registry = createDefaultRegistry();
const adapters = registry.list();
const SALT = 'conformance-salt-0123456789abcdef';
const context = (file: string, onSecretValue?: (value: string) => void): ParseContext => ({
  file,
  workspace: '/work/repo',
  salt: SALT,
  ...(onSecretValue ? { onSecretValue } : {}),
});

/** `<folder>/<file>` of every file one level down in the fixtures folder. */
function sharedFixtureFiles(): string[] {
  if (!HAVE_FIXTURES) return [];
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(FIXTURES, d.name)).map((name) => `${d.name}/${name}`))
    .filter((file) => statSync(join(FIXTURES, file)).isFile())
    .sort();
}

const readShared = (file: string) => decodeReport(readFileSync(join(FIXTURES, file)), file);
const profileOf = (engine: string) => ADAPTER_CONFORMANCE.find((p) => p.engine === engine);

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { withFileTypes: true }).reduce((n, d) => n + (d.isDirectory() ? countFiles(join(dir, d.name)) : 1), 0);
}

function parseError(adapter: ScannerAdapter, content: string, file: string): unknown {
  try {
    const result = adapter.parse(content, context(file));
    return new Error(`parsed to ${result.findings.length} findings instead of a ParseError`);
  } catch (error) {
    return error;
  }
}

function expectRefused(adapter: ScannerAdapter, content: string, file: string) {
  const error = parseError(adapter, content, file);
  expect(error, String((error as Error).message)).toBeInstanceOf(ParseError);
  expect((error as ParseError).file).toBe(file);
  expect((error as Error).message.startsWith(file)).toBe(true);
}

function isLegalEmpty(profile: AdapterConformance, content: string): boolean {
  // JSON-lines engines (trufflehog) print nothing at all when they find nothing.
  if (profile.legalEmpty.some((e) => e.content === content)) return true;
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch {
    return false;
  }
  return profile.legalEmpty.some((e) => e.content.trim() !== '' && isDeepStrictEqual(JSON.parse(e.content), value));
}

describe('every registered adapter', () => {
  it.each(adapters.map((a) => a.id))('%s has unit tests and scenario fixtures', (id) => {
    const dir = join(SRC, id);
    expect(existsSync(dir), `src/${id}/ exists`).toBe(true);
    expect(readdirSync(dir).some((f) => f.endsWith('.test.ts')), `src/${id}/ has a *.test.ts`).toBe(true);
    expect(countFiles(join(dir, '__fixtures__')), `src/${id}/__fixtures__/ is not empty`).toBeGreaterThan(0);
  });

  it.each(adapters.map((a) => a.id))('%s declares its legal empty reports and a real sample', (id) => {
    const profile = profileOf(id);
    expect(profile, `add a row for ${id} to ADAPTER_CONFORMANCE`).toBeDefined();
    expect(existsSync(join(SRC, id, '__fixtures__', profile!.sample))).toBe(true);
  });

  it('has no conformance rows for engines that are not registered', () => {
    expect(ADAPTER_CONFORMANCE.map((p) => p.engine).filter((id) => !registry.has(id))).toEqual([]);
  });
});

const profiles = ADAPTER_CONFORMANCE.filter((p) => registry.has(p.engine));

describe.each(profiles)('$engine against hostile input', (profile) => {
  const adapter = registry.get(profile.engine);
  const sample = readFileSync(join(SRC, profile.engine, '__fixtures__', profile.sample), 'utf8');

  it.each(['{}', '[]', 'null', '"report"', '', '   \n'].filter((c) => !isLegalEmpty(profile, c)))('refuses %j with a ParseError naming the file', (content) => {
    expectRefused(adapter, content, 'reports/hostile.json');
  });

  it('refuses a truncated copy of a real report', () => {
    expectRefused(adapter, sample.slice(0, Math.floor(sample.length / 2)), 'reports/truncated.json');
    expectRefused(adapter, sample.slice(0, sample.lastIndexOf('}')), 'reports/cut-at-end.json');
  });

  it('refuses UTF-16 input, whether it arrives as bytes or as text', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')]);
    expect(() => decodeReport(bytes, 'reports/utf16.json')).toThrow(ParseError);
    expectRefused(adapter, bytes.toString('utf8'), 'reports/utf16.json');
    expectRefused(adapter, Buffer.from(sample, 'utf16le').toString('utf8'), 'reports/utf16-no-bom.json');
  });

  it.each(profile.legalEmpty)('reads $name as zero findings', ({ content }) => {
    const result = adapter.parse(content, context('reports/empty.json'));
    expect(result).toMatchObject({ findings: [], skipped: [], nativeCount: 0 });
  });

  const others = profiles.filter((p) => p.engine !== profile.engine);
  it.each(others.map((p) => p.engine))("refuses a %s report (its own sample)", (engine) => {
    const other = profileOf(engine)!;
    expectRefused(adapter, readFileSync(join(SRC, engine, '__fixtures__', other.sample), 'utf8'), `reports/${engine}-report.json`);
  });

  const foreign = sharedFixtureFiles().filter((file) => {
    const routes = routesOf(file, registry);
    return routes !== undefined && !routes.engines.includes(profile.engine);
  });
  it.each(foreign)("refuses %s, another engine's report", (file) => {
    const content = readShared(file);
    if (isLegalEmpty(profile, content)) return; // `[]` is gitleaks' empty report and secretlint's too
    expectRefused(adapter, content, file);
  });
});

describe.skipIf(!HAVE_FIXTURES)('real reports in ../shared/fixtures', () => {
  const files = sharedFixtureFiles();
  const rowsFor = (file: string, engine: string) => FIXTURE_EXPECTATIONS.filter((r) => r.file === file && r.engine === engine);

  for (const file of files) {
    const routes = routesOf(file, registry);
    if (!routes) continue; // a config or a README, not a report
    if (routes.engines.length === 0) {
      it.todo(`not yet covered: ${file} (no registered adapter reads ${routes.format}${routes.folderEngine ? ` from ${routes.folderEngine}` : ''})`);
      continue;
    }
    for (const engine of routes.engines) {
      it(`${engine} reads ${file} with no crash and no dropped finding`, () => {
        const rows = rowsFor(file, engine);
        expect(rows, `add exactly one row for ${file} / ${engine} to FIXTURE_EXPECTATIONS (counts from PROVENANCE.md)`).toHaveLength(1);
        const row = rows[0]!;
        const secrets = new Set<string>();
        const result = registry.get(engine).parse(readShared(file), context(file, (v) => secrets.add(v)));

        expect(result.findings.length + result.skipped.length, 'findings + skipped = entries in the report').toBe(result.nativeCount);
        expect(result.skipped, row.skipped?.why ?? 'no entry of a real report may be skipped').toHaveLength(row.skipped?.count ?? 0);
        expect(result.findings.length).toBe(row.findings);
        expect(result.incomplete).toHaveLength(row.incomplete ?? 0);

        const { findings, rejected } = finalizeFindings(result.findings);
        expect(rejected, 'every draft is a valid finding').toEqual([]);
        if (row.suppressed !== undefined) expect(findings.filter((f) => f.status === 'suppressed')).toHaveLength(row.suppressed);
        if (row.categories) {
          const counts: Record<string, number> = {};
          for (const f of findings) counts[f.category] = (counts[f.category] ?? 0) + 1;
          expect(counts).toEqual(row.categories);
        }
        const serialised = JSON.stringify(findings);
        for (const value of secrets) expect(serialised.includes(value), 'a secret value reached a finding').toBe(false);

        const again = finalizeFindings(registry.get(engine).parse(readShared(file), context(file)).findings).findings;
        expect(again.map((f) => f.id)).toEqual(findings.map((f) => f.id));
      });
    }
  }

  it('has no expectation rows for missing files or for engines that do not read them', () => {
    const stale = FIXTURE_EXPECTATIONS.filter((row) => !files.includes(row.file) || !routesOf(row.file, registry)?.engines.includes(row.engine));
    expect(stale.map((r) => `${r.file} / ${r.engine}`)).toEqual([]);
  });
});
