import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateAffected, type OsvAffectedVersions } from './osv-range';

const OSV_DB = fileURLToPath(new URL('../../../../examples/vulnerable-app/osv-db/', import.meta.url));
const record = (path: string) => JSON.parse(readFileSync(`${OSV_DB}${path}`, 'utf8')) as { affected: (OsvAffectedVersions & { package: { name: string } })[] };
const entriesFor = (path: string, name: string) => record(path).affected.filter((a) => a.package.name === name);
const affectedBy = (version: string, ecosystem: string, entries: OsvAffectedVersions[]) =>
  entries.some((entry) => evaluateAffected(version, ecosystem, entry).kind === 'affected');

describe('OSV range evaluation on real records', () => {
  const lodash = entriesFor('npm/GHSA-p6mc-m468-83gw.json', 'lodash'); // introduced 3.7.0, fixed 4.17.19

  it('treats the version just below fixed as affected, fixed itself and above as not', () => {
    expect(affectedBy('4.17.18', 'npm', lodash)).toBe(true);
    expect(affectedBy('4.17.19', 'npm', lodash)).toBe(false);
    expect(affectedBy('4.17.20', 'npm', lodash)).toBe(false);
  });

  it('starts at introduced: the version before it is not affected, introduced itself is', () => {
    expect(affectedBy('3.6.0', 'npm', lodash)).toBe(false);
    expect(affectedBy('3.7.0', 'npm', lodash)).toBe(true);
  });

  it('with introduced "0" every version below fixed is affected, however old', () => {
    const template = entriesFor('npm/GHSA-35jh-r3h4-6jhm.json', 'lodash'); // 0 .. 4.17.21
    expect(affectedBy('0.1.0', 'npm', template)).toBe(true);
    expect(affectedBy('4.17.20', 'npm', template)).toBe(true);
    expect(affectedBy('4.17.21', 'npm', template)).toBe(false);
  });

  it('includes last_affected itself and nothing above it', () => {
    const pick = entriesFor('npm/GHSA-p6mc-m468-83gw.json', 'lodash.pick'); // 4.0.0 .. last_affected 4.4.0
    expect(affectedBy('4.4.0', 'npm', pick)).toBe(true);
    expect(affectedBy('4.4.1', 'npm', pick)).toBe(false);
    expect(affectedBy('3.9.9', 'npm', pick)).toBe(false);
  });

  it('evaluates each of several ranges (minimist: < 0.2.1 and 1.0.0 up to 1.2.3)', () => {
    const minimist = entriesFor('npm/GHSA-vh95-rmgr-6w4m.json', 'minimist');
    expect(affectedBy('0.0.8', 'npm', minimist)).toBe(true);
    expect(affectedBy('0.2.1', 'npm', minimist)).toBe(false);
    expect(affectedBy('0.2.4', 'npm', minimist)).toBe(false);
    expect(affectedBy('1.0.0', 'npm', minimist)).toBe(true);
    expect(affectedBy('1.2.0', 'npm', minimist)).toBe(true);
    expect(affectedBy('1.2.2', 'npm', minimist)).toBe(true);
    expect(affectedBy('1.2.3', 'npm', minimist)).toBe(false);
  });

  it('orders PyPI versions by PEP 440: pre-releases of the fix are still affected', () => {
    const pyyaml = entriesFor('PyPI/GHSA-8q59-q68h-6hv4.json', 'PyYAML'); // 0 .. 5.4
    expect(affectedBy('5.3.1', 'PyPI', pyyaml)).toBe(true);
    expect(affectedBy('5.4b2', 'PyPI', pyyaml)).toBe(true);
    expect(affectedBy('5.4rc1', 'PyPI', pyyaml)).toBe(true);
    expect(affectedBy('5.4.dev0', 'PyPI', pyyaml)).toBe(true);
    expect(affectedBy('5.4', 'PyPI', pyyaml)).toBe(false);
    expect(affectedBy('5.4.0', 'PyPI', pyyaml)).toBe(false);
    expect(affectedBy('5.4.post1', 'PyPI', pyyaml)).toBe(false);
    expect(affectedBy('5.4.1', 'PyPI', pyyaml)).toBe(false);
  });

  it('compares PEP 440 versions normalised: 2.10 == 2.10.0, 2.10.1 is the fix', () => {
    const jinja = entriesFor('PyPI/PYSEC-2019-217.json', 'jinja2');
    expect(affectedBy('2.10', 'PyPI', jinja)).toBe(true);
    expect(affectedBy('2.10.0', 'PyPI', jinja)).toBe(true);
    expect(affectedBy('2.10.1', 'PyPI', jinja)).toBe(false);
    expect(affectedBy('2.10.1.post1', 'PyPI', jinja)).toBe(false);
  });

  it('finds a listed version through the versions list with PEP 440 equality', () => {
    const requests = entriesFor('PyPI/PYSEC-2018-28.json', 'requests'); // a GIT range, an ECOSYSTEM range and versions
    expect(evaluateAffected('2.19.1', 'PyPI', { versions: requests[0]!.versions! })).toEqual({ kind: 'affected', by: 'versions' });
    expect(evaluateAffected('2.19.1.0', 'PyPI', { versions: requests[0]!.versions! })).toEqual({ kind: 'affected', by: 'versions' });
    expect(affectedBy('2.20.0', 'PyPI', requests)).toBe(false);
  });
});

describe('OSV range evaluation edge cases', () => {
  const range = (type: string, ...events: Record<string, string>[]): OsvAffectedVersions => ({ ranges: [{ type, events }] });

  it('honours limit: versions at or above every limit are outside the range', () => {
    const limited = range('SEMVER', { introduced: '1.0.0' }, { limit: '2.0.0' });
    expect(evaluateAffected('1.9.9', 'npm', limited).kind).toBe('affected');
    expect(evaluateAffected('2.0.0', 'npm', limited).kind).toBe('not-affected');
    expect(evaluateAffected('2.5.0', 'npm', range('SEMVER', { introduced: '1.0.0' }, { limit: '*' })).kind).toBe('affected');
  });

  it('sorts events itself: an unsorted events list gives the same answer', () => {
    const unsorted = range('SEMVER', { fixed: '1.2.3' }, { introduced: '1.0.0' }, { fixed: '0.2.1' }, { introduced: '0' });
    expect(evaluateAffected('0.1.0', 'npm', unsorted).kind).toBe('affected');
    expect(evaluateAffected('0.5.0', 'npm', unsorted).kind).toBe('not-affected');
    expect(evaluateAffected('1.1.0', 'npm', unsorted).kind).toBe('affected');
  });

  it('orders SemVer pre-releases before their release', () => {
    const r = range('SEMVER', { introduced: '0' }, { fixed: '2.0.0' });
    expect(evaluateAffected('2.0.0-rc.1', 'npm', r).kind).toBe('affected');
    expect(evaluateAffected('2.0.0', 'npm', r).kind).toBe('not-affected');
    expect(evaluateAffected('2.0.1-alpha.0', 'npm', r).kind).toBe('not-affected');
  });

  it('orders PEP 440 dev, pre, post and epoch versions', () => {
    const r = range('ECOSYSTEM', { introduced: '1.0.dev1' }, { fixed: '1.0.post1' });
    expect(evaluateAffected('1.0.dev0', 'PyPI', r).kind).toBe('not-affected');
    expect(evaluateAffected('1.0a1', 'PyPI', r).kind).toBe('affected');
    expect(evaluateAffected('1.0', 'PyPI', r).kind).toBe('affected');
    expect(evaluateAffected('1.0.post1', 'PyPI', r).kind).toBe('not-affected');
    expect(evaluateAffected('1!0.5', 'PyPI', range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' })).kind).toBe('not-affected');
  });

  it('leaves GIT ranges to the versions list', () => {
    const git: OsvAffectedVersions = { ranges: [{ type: 'GIT', events: [{ introduced: '0' }, { fixed: 'c45d7c49ea75133e52ab22a8e9e13173938e36ff' }] }], versions: ['1.0.0'] };
    expect(evaluateAffected('1.0.0', 'PyPI', git).kind).toBe('affected');
    expect(evaluateAffected('1.0.1', 'PyPI', git).kind).toBe('not-affected');
  });

  it('is undecidable, never "not affected", when it cannot order the versions', () => {
    expect(evaluateAffected('1.0', 'Maven', range('ECOSYSTEM', { introduced: '0' }, { fixed: '2.0' }))).toMatchObject({ kind: 'undecidable' });
    expect(evaluateAffected('not-a-version', 'npm', range('SEMVER', { introduced: '0' }, { fixed: '2.0.0' }))).toMatchObject({ kind: 'undecidable' });
    expect(evaluateAffected('1.0.0', 'npm', range('SEMVER', { introduced: '0' }, { fixed: 'two' }))).toMatchObject({ kind: 'undecidable', reason: expect.stringContaining('"two"') });
  });

  it('decides an unknown ecosystem from its versions list when osv.dev expanded the range', () => {
    const maven: OsvAffectedVersions = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.0' }] }], versions: ['1.0', '1.5'] };
    expect(evaluateAffected('1.5', 'Maven', maven).kind).toBe('affected');
    expect(evaluateAffected('2.0', 'Maven', maven).kind).toBe('not-affected');
  });
});
