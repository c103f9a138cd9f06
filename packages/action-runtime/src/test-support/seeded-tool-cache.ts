// A runner tool cache holding "installed" engines, for end-to-end tests of scanning actions whose
// scanners cannot be downloaded here. It is the seam the toolchain itself offers: in Actions mode an
// engine runs from $RUNNER_TOOL_CACHE/gatehouse/<engine>/<version>/<platform> when the entry is what
// an install of the pinned build leaves there. A binary's entry records the pinned asset checksum and
// the sha256 of the executable (computed here from the stub, so the toolchain's verification really
// runs and a stub changed after seeding is refused); a Python tool's entry is a venv directory and
// the pointer file naming it.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadVersions, platformId } from '@gatehouse/toolchain';

export class SeededToolCache {
  /** Give this as RUNNER_TOOL_CACHE to the action. */
  readonly root: string;

  constructor(root = mkdtempSync(join(tmpdir(), 'gatehouse-seeded-toolcache-'))) {
    this.root = root;
  }

  private entryDir(engine: string, version: string): string {
    const platform = platformId();
    if (!platform) throw new Error('this machine is not a platform Gatehouse pins tools for');
    return join(this.root, 'gatehouse', engine, version, platform);
  }

  /**
   * Seeds `engine` (a pinned binary: gitleaks, trufflehog, trivy, …) with `script` as its executable.
   * Seeding again replaces the entry (a new stub for the next run).
   */
  binary(engine: string, script: string): string {
    const versions = loadVersions();
    const pin = versions.binaries[engine];
    const platform = platformId();
    const asset = pin && platform ? pin.platforms[platform] : undefined;
    if (!pin || !platform || !asset?.sha256) throw new Error(`${engine} has no pinned build for this platform`);
    const dir = this.entryDir(engine, pin.version);
    mkdirSync(dirname(join(dir, asset.executable)), { recursive: true });
    const executable = join(dir, asset.executable);
    writeFileSync(executable, script);
    chmodSync(executable, 0o755);
    const manifest = {
      schemaVersion: 1,
      engine,
      version: pin.version,
      platform,
      assetSha256: asset.sha256,
      executable: asset.executable,
      executableSha256: createHash('sha256').update(readFileSync(executable)).digest('hex'),
      installedAt: '2026-01-01T00:00:00.000Z',
    };
    writeFileSync(join(dir, '.gatehouse-tool.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return executable;
  }

  /** Seeds a pinned Python tool (semgrep, bandit, detect-secrets) with `script` as the venv's executable. */
  python(engine: string, script: string): string {
    const pin = loadVersions().python[engine];
    if (!pin) throw new Error(`${engine} is not a pinned Python tool`);
    const root = this.entryDir(engine, pin.version);
    const directory = `venv-${randomBytes(8).toString('hex')}`;
    const relative = join('bin', pin.executable);
    mkdirSync(join(root, directory, 'bin'), { recursive: true });
    const executable = join(root, directory, relative);
    writeFileSync(executable, script);
    chmodSync(executable, 0o755);
    const pointer = { schemaVersion: 1, engine, version: pin.version, kind: 'python', directory, executable: relative, installedAt: '2026-01-01T00:00:00.000Z' };
    writeFileSync(join(root, '.gatehouse-package.json'), `${JSON.stringify(pointer, null, 2)}\n`);
    return executable;
  }
}
