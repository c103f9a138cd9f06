import { ConfigurationError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import rawVersions from '../versions.json' with { type: 'json' };
import { loadVersions } from './load-versions';
import { PLATFORM_IDS } from './tool-versions';

const clone = (): typeof rawVersions => structuredClone(rawVersions);
const DOWNLOADABLE = ['gitleaks', 'trivy', 'grype', 'syft', 'osv-scanner', 'trufflehog'];

describe('the versions file', () => {
  const versions = loadVersions();
  const assets = Object.entries(versions.binaries).flatMap(([engine, pin]) =>
    Object.entries(pin.platforms).map(([platform, asset]) => ({ engine, platform, version: pin.version, ...asset! })),
  );

  it('pins every downloadable scanner for linux x64 and arm64 with a sha256', () => {
    for (const engine of DOWNLOADABLE) {
      for (const platform of ['linux-x64', 'linux-arm64'] as const) {
        expect(versions.binaries[engine]?.platforms[platform]?.sha256, `${engine} ${platform}`).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  it('gives every pinned asset a well-formed checksum and no two assets the same one', () => {
    const owners = new Map<string, string>();
    for (const asset of assets) {
      const name = `${asset.engine}/${asset.platform}/${asset.asset}`;
      if (asset.sha256 === null) {
        expect(asset.unverifiableReason, name).toBeTruthy();
        continue;
      }
      expect(asset.sha256, name).toMatch(/^[0-9a-f]{64}$/);
      expect(owners.get(asset.sha256), `${name} shares a checksum`).toBeUndefined();
      owners.set(asset.sha256, name);
    }
    expect(owners.size).toBeGreaterThanOrEqual(DOWNLOADABLE.length * 2);
  });

  it('names each asset after its pinned version and platform-specific file', () => {
    for (const asset of assets) {
      const file = asset.asset.replaceAll('{version}', asset.version);
      expect(file).not.toMatch(/[{}]/);
      if (asset.archive === 'zip') expect(file).toMatch(/\.zip$/);
      if (asset.archive === 'tar.gz') expect(file).toMatch(/\.tar\.gz$/);
      if (asset.platform.startsWith('windows')) expect(asset.executable).toMatch(/\.exe$/);
    }
  });

  it('pins npm tools with their registry integrity and Python tools with hashes or a stated reason', () => {
    for (const engine of ['cdxgen', 'cyclonedx', 'secretlint']) expect(versions.npm[engine]?.integrity).toMatch(/^sha512-/);
    for (const engine of ['semgrep', 'pip-audit', 'detect-secrets', 'bandit']) {
      const pin = versions.python[engine]!;
      expect(pin.requirementHashes.length > 0 || Boolean(pin.unhashedReason)).toBe(true);
    }
  });

  it('only uses known platform ids', () => {
    for (const asset of assets) expect(PLATFORM_IDS).toContain(asset.platform);
  });
});

describe('loadVersions', () => {
  const refusal = (mutate: (doc: ReturnType<typeof clone>) => void) => {
    const doc = clone();
    mutate(doc);
    try {
      loadVersions(doc);
    } catch (error) {
      return error as Error;
    }
    throw new Error('accepted');
  };

  it('refuses a checksum that is not 64 hex characters, naming where', () => {
    const error = refusal((doc) => {
      doc.binaries.gitleaks.platforms['linux-x64'].sha256 = 'abc123';
    });
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toContain('binaries.gitleaks.platforms.linux-x64.sha256');
  });

  it('refuses an upstream URL that is not https', () => {
    const error = refusal((doc) => {
      doc.binaries.trivy.urlTemplate = 'http://github.com/aquasecurity/trivy/releases/download/v{version}/{asset}';
    });
    expect(error.message).toContain('https');
  });

  it('refuses a pinned version that is listed as revoked', () => {
    const error = refusal((doc) => {
      doc.binaries.trivy.version = '0.69.4';
    });
    expect(error.message).toContain('revoked');
  });

  it('refuses an executable path that climbs out of the archive', () => {
    const error = refusal((doc) => {
      doc.binaries.syft.platforms['linux-x64'].executable = '../syft';
    });
    expect(error.message).toContain('executable');
  });

  it('refuses a platform without a checksum unless it says why', () => {
    const error = refusal((doc) => {
      (doc.binaries.grype.platforms['linux-x64'] as { sha256: string | null }).sha256 = null;
    });
    expect(error.message).toContain('unverifiableReason');
  });

  it('refuses unknown fields instead of ignoring them', () => {
    const error = refusal((doc) => {
      (doc.binaries.gitleaks as Record<string, unknown>).sha256 = 'x';
    });
    expect(error).toBeInstanceOf(ConfigurationError);
  });
});
