import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { parseManifest } from './parse-manifest';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/monorepo/${path}`, import.meta.url)), 'utf8');
const summary = (path: string) => {
  const r = parseManifest(read(path), path);
  return {
    packages: r.packages.map((p) => `${p.name}@${p.version}${p.direct ? ' direct' : ''}${p.dev ? ' dev' : ''}`),
    skipped: r.skipped.map((s) => `${s.name ?? s.at}: ${s.reason}${s.unreadable ? ' (unreadable)' : ''}`),
  };
};

describe('npm lockfiles', () => {
  it('reads package-lock v3: every installed copy, direct ones from the root entry, links and git dependencies left out', () => {
    expect(summary('apps/web/package-lock.json')).toEqual({
      packages: ['axios@0.21.0 direct', 'follow-redirects@1.13.0', 'lodash@4.17.15 direct', 'minimist@1.2.0 direct dev', '@babel/helper-x@7.0.0', 'lodash@4.17.11'],
      skipped: ['from-git: a git dependency, not from the registry'],
    });
    const r = parseManifest(read('apps/web/package-lock.json'), 'apps/web/package-lock.json');
    expect(r.packages.find((p) => p.version === '4.17.11')).toMatchObject({ path: 'node_modules/axios/node_modules/lodash', purl: 'pkg:npm/lodash@4.17.11' });
    expect(r.packages.find((p) => p.name === '@babel/helper-x')!.purl).toBe('pkg:npm/%40babel/helper-x@7.0.0');
  });

  it('reads package-lock v1 nested trees and npm aliases', () => {
    expect(summary('apps/admin/package-lock.json')).toEqual({
      packages: ['lodash@4.17.15', 'mkdirp@0.5.1', 'minimist@0.0.8 dev', 'string-width@4.2.3'],
      skipped: ['my-fork: a git dependency, not from the registry'],
    });
  });

  it('reads pnpm-lock v9 with peer suffixes and importers, skipping tarball keys', () => {
    expect(summary('apps/mobile/pnpm-lock.yaml')).toEqual({
      packages: ['@types/node@20.11.5 direct', 'axios@0.21.0 direct', 'follow-redirects@1.13.0', 'react-dom@18.2.0 direct', 'react@18.2.0'],
      skipped: [expect.stringMatching(/^packages\["tarball-dep@https:.*a key that names no registry package/)],
    });
  });

  it('reads pnpm-lock v6 and v5 keys', () => {
    const v6 = "lockfileVersion: '6.0'\ndependencies:\n  lodash:\n    specifier: ^4.17.15\n    version: 4.17.15\npackages:\n  /lodash@4.17.15:\n    resolution: {integrity: sha512-x}\n    dev: false\n  /@babel/core@7.0.0(supports-color@5.5.0):\n    resolution: {integrity: sha512-y}\n    dev: true\n";
    expect(parseManifest(v6, 'pnpm-lock.yaml').packages.map((p) => `${p.name}@${p.version}${p.direct ? ' direct' : ''}${p.dev ? ' dev' : ''}`)).toEqual(['lodash@4.17.15 direct', '@babel/core@7.0.0 dev']);
    const v5 = 'lockfileVersion: 5.4\nspecifiers:\n  lodash: 4.17.15\ndependencies:\n  lodash: 4.17.15\npackages:\n  /lodash/4.17.15:\n    resolution: {integrity: sha512-x}\n  /@scope/pkg/1.0.0_react@18.2.0:\n    resolution: {integrity: sha512-y}\n';
    expect(parseManifest(v5, 'pnpm-lock.yaml').packages.map((p) => `${p.name}@${p.version}${p.direct ? ' direct' : ''}`)).toEqual(['lodash@4.17.15 direct', '@scope/pkg@1.0.0']);
  });

  it('reads yarn classic: multi-descriptor entries, scoped names, aliases; git entries skipped', () => {
    expect(summary('apps/legacy/yarn.lock')).toEqual({
      packages: ['@babel/code-frame@7.12.13', 'lodash@4.17.15', 'minimist@1.2.0', 'wrap-ansi@7.0.0'],
      skipped: ['private-tool: a git dependency, not from the registry'],
    });
  });

  it('reads yarn berry: npm resolutions and patches of them; workspaces and portals are not packages', () => {
    expect(summary('apps/berry/yarn.lock')).toEqual({
      packages: ['axios@0.21.0', 'follow-redirects@1.13.0', 'lodash@4.17.15'],
      skipped: [expect.stringContaining('a portal: dependency, not from the registry')],
    });
  });
});

describe('Python lockfiles', () => {
  it('reads requirements: pins with hashes, markers and extras; -r within the repository; unpinned listed', () => {
    const r = parseManifest(read('services/api/requirements.txt'), 'services/api/requirements.txt', {
      readInclude: (p) => (p === 'services/api/requirements/base.txt' ? read('services/api/requirements/base.txt') : undefined),
    });
    expect(r.packages.map((p) => `${p.name}@${p.version} (${p.manifest})`)).toEqual([
      'PyYAML@5.3.1 (services/api/requirements/base.txt)',
      'urllib3@1.24.1 (services/api/requirements/base.txt)',
      'Flask@0.12.2 (services/api/requirements.txt)',
      'Jinja2@2.10 (services/api/requirements.txt)',
      'requests@2.19.1 (services/api/requirements.txt)',
    ]);
    expect(r.unpinned).toEqual([
      { at: 'line 9', reason: 'not pinned — cannot be audited exactly', name: 'gunicorn' },
      { at: 'line 10', reason: 'not pinned — cannot be audited exactly', name: 'celery' },
    ]);
    expect(r.skipped.map((s) => s.at)).toEqual(['services/api/requirements/base.txt line 4', 'line 11', 'line 12', 'line 13']);
    expect(r.skipped.find((s) => s.at === 'line 12')!.reason).toMatch(/outside the repository/);
    expect(r.includes).toEqual(['services/api/requirements/base.txt']);
  });

  it('treats wildcards, ranges and multiple pins as unpinned, and === as an exact pin', () => {
    const r = parseManifest('a==1.*\nb>=1,<2\nc==1.0,==1.1\nd===1.0-custom\ne ~= 1.4\nf==1.0 --hash=sha256:abc ; python_version < "3.8"\n', 'requirements.txt');
    expect(r.unpinned.map((u) => u.name)).toEqual(['a', 'b', 'c', 'e']);
    expect(r.packages.map((p) => `${p.name}@${p.version}`)).toEqual(['d@1.0-custom', 'f@1.0']);
  });

  it('never reads an include through a URL, an absolute path or a variable', () => {
    const asked: string[] = [];
    const r = parseManifest('-r https://example.com/r.txt\n-r /etc/passwd\n-r ${HOME}/r.txt\n--requirement=../../x.txt\n', 'api/requirements.txt', { readInclude: (p) => (asked.push(p), undefined) });
    expect(asked).toEqual([]);
    expect(r.skipped).toHaveLength(4);
  });

  it('reads poetry.lock, uv.lock and Pipfile.lock, skipping git, path and editable sources', () => {
    expect(summary('services/worker/poetry.lock')).toEqual({ packages: ['pyyaml@5.3.1', 'pytest@7.4.0 dev'], skipped: ['internal-tools: a git source, not from an index'] });
    expect(summary('services/billing/uv.lock')).toEqual({ packages: ['jinja2@2.10', 'markupsafe@1.1.1'], skipped: ['internal-sdk: a git source, not from an index'] });
    expect(summary('services/reports/Pipfile.lock')).toEqual({
      packages: ['requests@2.19.1', 'urllib3@1.24.1', 'pytest@7.4.0 dev'],
      skipped: ['reportlab-local: a path requirement, not from an index'],
    });
  });
});

describe('hostile manifests', () => {
  it('refuses a file that is not what its name says, naming the file', () => {
    expect(() => parseManifest('{"name": "x"}', 'a/package-lock.json')).toThrow(/^a\/package-lock\.json: not an npm lockfile/);
    expect(() => parseManifest('key: [unclosed', 'pnpm-lock.yaml')).toThrow(ParseError);
    expect(() => parseManifest('just text', 'yarn.lock')).toThrow(/not a yarn lockfile/);
    expect(() => parseManifest('[[package]]\nname = ', 'poetry.lock')).toThrow(/^poetry\.lock:\d+:\d+: invalid TOML/);
  });

  it('refuses a UTF-16 lockfile with a clear error', () => {
    const utf16 = Buffer.from('{"lockfileVersion": 3, "packages": {}}', 'utf16le').toString('utf8');
    expect(() => parseManifest(utf16, 'package-lock.json')).toThrow(/UTF-16/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const bomb = ['lockfileVersion: 9.0', 'a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill(`*${String.fromCharCode(97 + i)}`).join(',')}]`)].join('\n');
    expect(() => parseManifest(bomb, 'pnpm-lock.yaml')).toThrow(ParseError);
  });

  it('skips entries with implausible names or versions with a reason, and marks them unreadable', () => {
    const lock = JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/ok': { version: '1.0.0' }, 'node_modules/bad': { version: '1.0.0\nINJECTED' }, 'node_modules/none': {}, 'node_modules/str': 'x' } });
    const r = parseManifest(lock, 'package-lock.json');
    expect(r.packages.map((p) => p.name)).toEqual(['ok']);
    expect(r.skipped.map((s) => `${s.at} ${s.unreadable}`)).toEqual(['packages["node_modules/bad"] true', 'packages["node_modules/none"] true', 'packages["node_modules/str"] true']);
  });

  it('keeps __proto__ keys as data, never as prototypes', () => {
    const lock = '{"lockfileVersion": 3, "packages": {"": {"dependencies": {"__proto__": "1.0.0"}}, "node_modules/__proto__": {"version": "1.0.0"}}}';
    const r = parseManifest(lock, 'package-lock.json');
    expect(r.packages.map((p) => p.name)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).version).toBeUndefined();
  });
});
