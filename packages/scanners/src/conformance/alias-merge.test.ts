// Issue 3: vulnerability findings of one package unite across CVE, GHSA, OSV and PYSEC ids (the alias
// graph), keeping every source — checked on the real osv-scanner and grype reports of ../shared/fixtures.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finalizeFindings, mergeFindings, normaliseVulnId, type Finding } from '@gatehouse/findings';
import { createDefaultRegistry } from '../default-registry';

const FIXTURES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..', '..', 'shared', 'fixtures');
const registry = createDefaultRegistry();

/** A native entry of a report: the package it is about and the vulnerability ids it says are one. */
interface NativeGroup {
  pkg: string;
  /** The manifest or image it was found in: one vulnerability in two lockfiles is two findings. */
  where: string;
  ids: string[];
}

function osvScannerGroups(doc: { results?: { source: { path: string }; packages?: { package: { name: string }; groups?: { ids: string[] }[] }[] }[] }): NativeGroup[] {
  return (doc.results ?? []).flatMap((r) =>
    (r.packages ?? []).flatMap((p) => (p.groups ?? []).map((g) => ({ pkg: p.package.name, where: r.source.path, ids: g.ids }))),
  );
}

function grypeGroups(doc: { matches?: { artifact: { name: string }; vulnerability: { id: string }; relatedVulnerabilities?: { id: string }[] }[] }): NativeGroup[] {
  return (doc.matches ?? []).map((m) => ({ pkg: m.artifact.name, where: 'the scanned target', ids: [m.vulnerability.id, ...(m.relatedVulnerabilities ?? []).map((r) => r.id)] }));
}

/**
 * For each package name, how many distinct vulnerabilities each place holding it has once ids that
 * name each other are joined (sorted counts, one per manifest or image).
 */
function expectedComponents(groups: NativeGroup[]): Map<string, number[]> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const g of groups) {
    const keys = g.ids.map((id) => `${g.pkg}\u0000${g.where}\u0000${normaliseVulnId(id)}`);
    for (const k of keys) if (!parent.has(k)) parent.set(k, k);
    for (const k of keys.slice(1)) parent.set(find(k), find(keys[0]!));
  }
  const roots = new Map<string, Set<string>>();
  for (const k of parent.keys()) {
    const [pkg, where] = k.split('\u0000');
    const place = `${pkg}\u0000${where}`;
    (roots.get(place) ?? roots.set(place, new Set()).get(place)!).add(find(k));
  }
  return countsByPackage([...roots].map(([place, set]) => [place.split('\u0000')[0]!, set.size]));
}

function countsByPackage(entries: [string, number][]): Map<string, number[]> {
  const byPackage = new Map<string, number[]>();
  for (const [pkg, n] of entries) (byPackage.get(pkg) ?? byPackage.set(pkg, []).get(pkg)!).push(n);
  for (const counts of byPackage.values()) counts.sort();
  return byPackage;
}

function placeOf(f: Finding): string {
  const l = f.location;
  return l.kind === 'package' ? (l.manifest ?? '') : l.kind === 'image' ? l.ref : '';
}

function packageName(f: Finding): string | undefined {
  const l = f.location;
  return l.kind === 'package' ? l.name : l.kind === 'image' ? l.name : undefined;
}

const cases = (folder: string, groupsOf: (doc: never) => NativeGroup[]) =>
  existsSync(join(FIXTURES, folder))
    ? readdirSync(join(FIXTURES, folder))
        .filter((f) => f.endsWith('.json') && !f.includes('cdx'))
        .map((file) => ({ folder, file, groupsOf }))
    : [];

describe.skipIf(!existsSync(FIXTURES))('alias merge on ../shared/fixtures', () => {
  it.each([...cases('osv-scanner', osvScannerGroups as never), ...cases('grype', grypeGroups as never)])('$folder/$file: one finding per vulnerability per package, every id kept', ({ folder, file, groupsOf }) => {
    const text = readFileSync(join(FIXTURES, folder, file), 'utf8');
    const parsed = registry.get(folder).parse(text, { file, workspace: '/nonexistent-workspace', salt: 'conformance-salt-0000' });
    const { findings, rejected } = finalizeFindings(parsed.findings);
    expect(rejected).toEqual([]);
    const merged = mergeFindings(findings).filter((f) => f.ruleId !== 'license-violation' && f.ruleId !== 'os-end-of-life');
    const groups = groupsOf(JSON.parse(text) as never);
    const expected = expectedComponents(groups);
    const perPlace = new Map<string, number>();
    for (const f of merged) perPlace.set(`${packageName(f)}\u0000${placeOf(f)}`, (perPlace.get(`${packageName(f)}\u0000${placeOf(f)}`) ?? 0) + 1);
    const actual = countsByPackage([...perPlace].map(([k, n]) => [k.split('\u0000')[0]!, n]));
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    for (const g of groups) {
      const holders = merged.filter((f) => packageName(f) === g.pkg && g.ids.every((id) => f.aliases.includes(normaliseVulnId(id))));
      const places = groups.filter((o) => o.pkg === g.pkg && o.ids.some((id) => g.ids.includes(id))).map((o) => o.where);
      expect(holders, `${g.pkg} ${g.ids.join(', ')}`).toHaveLength(new Set(places).size);
    }
  });

  it('unites a grype finding and a trivy finding of one CVE on one package of one image', async () => {
    const grypeText = readFileSync(join(FIXTURES, 'grype', 'image-alpine-ghsa-v0.65.1.json'), 'utf8');
    const ctx = { file: 'g.json', workspace: '/nonexistent-workspace', salt: 'conformance-salt-0000', imageRef: 'alpine-ghsa:latest' };
    const grype = finalizeFindings(registry.get('grype').parse(grypeText, ctx).findings).findings;
    const httpclient = grype.find((f) => f.location.kind === 'image' && f.location.name === 'httpclient')!;
    expect(httpclient).toBeDefined();
    // The same vulnerability as another engine knows it: by its CVE only, same package and image.
    const other: Finding = {
      ...httpclient,
      ruleId: 'CVE-2014-3577',
      aliases: ['CVE-2014-3577'],
      identifiers: [{ type: 'CVE', value: 'CVE-2014-3577' }],
      sources: [{ engine: 'trivy', nativeId: 'CVE-2014-3577' }],
      id: 'f'.repeat(64),
    };
    const merged = mergeFindings([httpclient, other]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.sources.map((s) => s.engine).sort()).toEqual(['grype', 'trivy']);
    expect(merged[0]!.aliases).toEqual(expect.arrayContaining(['CVE-2014-3577', 'GHSA-cfh5-3ghh-wfjx']));
  });
});
