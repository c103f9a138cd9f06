import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installPackagedTool, type PackagedInstallOptions } from './install-packaged-tool';
import { loadVersions } from './load-versions';
import { resolveTool } from './resolve-tool';
import { writeNodeScript } from './test-support/stub-scripts';
import { ToolInstallError } from './tool-install-error';

const versions = loadVersions();
let work: string;
let log: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'gh-packaged-'));
  log = join(work, 'argv.log');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const argvLog = (): string[][] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]) : []);

/** A stub npm: records argv, writes the lockfile npm would (with the given integrity) and a bin script. */
function stubNpm(integrityOverride?: string): string {
  const pins = Object.fromEntries(
    Object.values(versions.npm).flatMap((p) => [p, ...(p.companions ?? [])]).map((p) => [p.package, { version: p.version, integrity: integrityOverride ?? p.integrity }]),
  );
  const bins = Object.fromEntries(Object.values(versions.npm).map((p) => [p.package, [p.executable, p.version]]));
  return writeNodeScript(
    join(work, 'stubs'),
    'npm',
    `const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const prefix = args[args.indexOf('--prefix') + 1];
const pins = ${JSON.stringify(pins)}, bins = ${JSON.stringify(bins)};
const packages = {};
fs.mkdirSync(path.join(prefix, 'node_modules', '.bin'), { recursive: true });
for (const spec of args.filter((a) => /.@\\d/.test(a))) {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  packages['node_modules/' + name] = pins[name];
  if (bins[name]) {
    const bin = path.join(prefix, 'node_modules', '.bin', bins[name][0]);
    fs.writeFileSync(bin, '#!/bin/sh\\necho ' + bins[name][1] + '\\n', { mode: 0o755 });
  }
}
fs.writeFileSync(path.join(prefix, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages }));
`,
  );
}

/** A stub python3: `-m venv DIR` makes DIR/bin/python (this stub again); `-m pip install` makes the tool's script. */
function stubPython(pipFails = false): string {
  return writeNodeScript(
    join(work, 'stubs'),
    'python3',
    `const fs = require('fs'), path = require('path');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
if (args[1] === 'venv') {
  fs.mkdirSync(path.join(args[2], 'bin'), { recursive: true });
  fs.copyFileSync(__filename, path.join(args[2], 'bin', 'python'));
  fs.chmodSync(path.join(args[2], 'bin', 'python'), 0o755);
} else if (args[1] === 'pip') {
  ${pipFails ? "process.stderr.write('ERROR: No matching distribution found for semgrep==1.156.0\\n'); process.exit(1);" : ''}
  const file = args.includes('-r') ? args[args.indexOf('-r') + 1] : undefined;
  const spec = file ? fs.readFileSync(file, 'utf8').split(' ')[0] : args.find((a) => a.includes('=='));
  const [name, version] = spec.split('==');
  fs.writeFileSync(path.join(path.dirname(__filename), name), '#!/bin/sh\\necho ' + name + ' ' + version + '\\n', { mode: 0o755 });
}
`,
  );
}

function options(extra: Partial<PackagedInstallOptions> = {}): PackagedInstallOptions {
  return { platform: 'linux-x64', cacheRoot: join(work, 'cache'), env: {}, ...extra };
}

describe('installPackagedTool for npm tools', () => {
  it('installs the exact versions with scripts disabled and checks their integrity', async () => {
    const tool = await installPackagedTool('secretlint', options({ npmExecutable: stubNpm() }));
    expect(tool).toMatchObject({ engine: 'secretlint', version: '12.0.0', source: 'download' });
    expect(tool.path).toMatch(/secretlint\/12\.0\.0\/linux-x64\/npm-[0-9a-f]{16}\/node_modules\/\.bin\/secretlint$/);
    const [argv] = argvLog();
    expect(argv!.slice(0, 3)).toEqual(['install', '--prefix', expect.stringContaining('npm-')]);
    expect(argv).toEqual(expect.arrayContaining(['--ignore-scripts', 'secretlint@12.0.0', '@secretlint/secretlint-rule-preset-recommend@12.0.0']));
  });

  it('uses the cached install the second time', async () => {
    const npm = stubNpm();
    const first = await installPackagedTool('cdxgen', options({ npmExecutable: npm }));
    const second = await installPackagedTool('cdxgen', options({ npmExecutable: npm }));
    expect(second).toMatchObject({ path: first.path, source: 'cache' });
    expect(argvLog()).toHaveLength(1);
  });

  it('refuses a package whose integrity is not the pinned one and keeps nothing', async () => {
    const wrong = `sha512-${'A'.repeat(86)}==`;
    const error = await installPackagedTool('cyclonedx', options({ npmExecutable: stubNpm(wrong) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInstallError);
    expect((error as ToolInstallError).kind).toBe('checksum-mismatch');
    expect((error as Error).message).toContain(wrong);
    expect(readdirSync(join(work, 'cache', 'cyclonedx', '6.0.1', 'linux-x64'))).toEqual([]);
  });
});

describe('installPackagedTool for Python tools', () => {
  it('installs the pinned version into a private venv, wheels only', async () => {
    const tool = await installPackagedTool('semgrep', options({ pythonExecutable: stubPython() }));
    expect(tool).toMatchObject({ engine: 'semgrep', version: '1.156.0', source: 'download' });
    expect(tool.path).toMatch(/semgrep\/1\.156\.0\/linux-x64\/venv-[0-9a-f]{16}\/bin\/semgrep$/);
    const [venv, pip] = argvLog();
    expect(venv).toEqual(['-m', 'venv', expect.stringContaining('venv-')]);
    expect(pip).toEqual(['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--no-cache-dir', '--only-binary=:all:', 'semgrep==1.156.0']);
  });

  it('uses --require-hashes when the versions file has the hashes', async () => {
    const hashed = structuredClone(versions);
    hashed.python.bandit = {
      ...hashed.python.bandit!,
      requirementHashes: [`bandit==1.9.4 --hash=sha256:${'a'.repeat(64)}`],
    };
    await installPackagedTool('bandit', options({ pythonExecutable: stubPython(), versions: hashed }));
    const pip = argvLog()[1]!;
    expect(pip.slice(-3)).toEqual(['--require-hashes', '-r', expect.stringMatching(/gatehouse-requirements\.txt$/)]);
  });

  it('reports pip failing with its last error line', async () => {
    const error = await installPackagedTool('semgrep', options({ pythonExecutable: stubPython(true) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolInstallError);
    expect((error as Error).message).toBe('semgrep 1.156.0: install failed: pip install exited with code 1: ERROR: No matching distribution found for semgrep==1.156.0');
  });

  it('is what resolveTool uses for Python tools in GitHub Actions', async () => {
    const resolved = await resolveTool('semgrep', { mode: 'actions', ...options({ pythonExecutable: stubPython() }) });
    expect(resolved).toMatchObject({ status: 'available', version: '1.156.0', source: 'download' });
  });

  it('makes the engine incomplete when python3 is missing', async () => {
    const resolved = await resolveTool('detect-secrets', { mode: 'actions', ...options({ env: { PATH: join(work, 'empty') } }) });
    expect(resolved).toMatchObject({ status: 'incomplete', reason: 'detect-secrets 1.5.0: python3 is not installed, so the pinned package cannot be installed' });
  });
});
