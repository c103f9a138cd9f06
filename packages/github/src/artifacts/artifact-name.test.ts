import { describe, expect, it } from 'vitest';
import { artifactName, checkArtifactName, matrixHash } from './artifact-name';

describe('artifactName', () => {
  it('names an artifact by kind, action and job', () => {
    expect(artifactName({ kind: 'findings', action: 'sast', job: 'security' })).toBe('gatehouse-findings-sast-security');
    expect(artifactName({ kind: 'sarif', action: 'deps-audit' }, { GITHUB_JOB: 'audit' })).toBe('gatehouse-sarif-deps-audit-audit');
  });

  it('tells matrix legs apart by a hash that does not depend on key order', () => {
    const linux = artifactName({ kind: 'findings', action: 'sast', job: 'scan', matrix: '{"os":"linux","node":20}' });
    const sameLinux = artifactName({ kind: 'findings', action: 'sast', job: 'scan', matrix: { node: 20, os: 'linux' } });
    const windows = artifactName({ kind: 'findings', action: 'sast', job: 'scan', matrix: { node: 20, os: 'windows' } });
    expect(linux).toMatch(/^gatehouse-findings-sast-scan-[0-9a-f]{8}$/);
    expect(sameLinux).toBe(linux);
    expect(windows).not.toBe(linux);
    expect(matrixHash('null')).toBeUndefined();
    expect(matrixHash('')).toBeUndefined();
    expect(matrixHash({})).toBeUndefined();
  });

  it('keeps only characters every file system and the artifact service accept', () => {
    const name = artifactName({ kind: 'findings', action: 'sast', job: 'build: "win" / <x86>|*?\\ é\n' });
    expect(name).toBe('gatehouse-findings-sast-build-win-x86-e');
    expect(checkArtifactName(name)).toBe(name);
  });

  it('bounds the length and stays unique when it cuts', () => {
    const a = artifactName({ kind: 'findings', action: 'sast', job: 'j'.repeat(300), matrix: { leg: 'a'.repeat(500) } });
    const b = artifactName({ kind: 'findings', action: 'sast', job: 'j'.repeat(300), matrix: { leg: 'b'.repeat(500) } });
    expect(a.length).toBeLessThanOrEqual(200);
    expect(a).not.toBe(b);
  });

  it('refuses a kind or action with nothing usable, and names the artifact service would refuse', () => {
    expect(() => artifactName({ kind: '///', action: 'sast' })).toThrow(/must hold letters or digits/);
    expect(() => checkArtifactName('a/b')).toThrow(/must be 1 to 200 letters/);
    expect(() => checkArtifactName('')).toThrow();
  });
});
