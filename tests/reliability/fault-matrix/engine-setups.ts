import type { EngineInvocation } from '../../../packages/scanners/src/index';

/**
 * What an engine needs in its workspace and options to get as far as running (its `prepare` refuses
 * to run without a baseline, a lockfile, an image source). Engines not listed run with the defaults
 * (the whole workspace, mode `full`); a new engine that needs more fails its cases until added here.
 */
export interface EngineSetup {
  options?: Partial<EngineInvocation['options']>;
  instance?: string;
  files?: Record<string, string>;
}

const PACKAGE_LOCK = JSON.stringify({
  name: 'app',
  version: '1.0.0',
  lockfileVersion: 3,
  requires: true,
  packages: { '': { name: 'app', version: '1.0.0', dependencies: { lodash: '4.17.20' } }, 'node_modules/lodash': { version: '4.17.20' } },
});

const OSV_RECORD = JSON.stringify({
  id: 'GHSA-35jh-r3h4-6jhm',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-23337'],
  summary: 'Command injection in lodash',
  affected: [{ package: { ecosystem: 'npm', name: 'lodash' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }] }],
});

export const ENGINE_SETUPS: Record<string, EngineSetup> = {
  trivy: { options: { mode: 'config' } },
  'detect-secrets': {
    files: { '.secrets.baseline': JSON.stringify({ version: '1.5.0', plugins_used: [{ name: 'AWSKeyDetector' }], filters_used: [], results: {}, generated_at: '2026-01-01T00:00:00Z' }) },
  },
  'pip-audit': { options: { targets: ['requirements.txt'] }, instance: 'requirements.txt', files: { 'requirements.txt': 'requests==2.19.0\n' } },
  'npm-audit': { options: { targets: ['package-lock.json'] }, instance: 'package-lock.json', files: { 'package.json': '{"name":"app","version":"1.0.0"}', 'package-lock.json': PACKAGE_LOCK } },
  'osv-scanner': { options: { targets: ['package-lock.json'] }, files: { 'package-lock.json': PACKAGE_LOCK } },
  // cacheDir relative to the workspace: the harness makes it absolute.
  'osv-offline': { options: { targets: ['package-lock.json'], cacheDir: 'osv-export' }, files: { 'package-lock.json': PACKAGE_LOCK, 'osv-export/GHSA-35jh-r3h4-6jhm.json': OSV_RECORD } },
  grype: { options: { mode: 'image', image: 'registry:alpine:3.19' } },
  syft: { options: { mode: 'image', image: 'registry:alpine:3.19' } },
};
