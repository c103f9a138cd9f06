import { describe, expect, it } from 'vitest';
import { finalizeFindings, mergeFindings } from '@gatehouse/findings';
import { endOfLifeOsDraft, normaliseOsFamily } from './os-end-of-life';

describe('end-of-life OS findings', () => {
  const image = { ref: 'shop/web:1.4.2', digest: 'sha256:' + 'd'.repeat(64) };

  it('are one finding when trivy and grype both report the OS, whatever each calls it', () => {
    const fromTrivy = endOfLifeOsDraft({ engine: 'trivy', nativeId: 'Metadata.OS.EOSL', family: 'amazon', release: '2018.03', image });
    const fromGrype = endOfLifeOsDraft({ engine: 'grype', nativeId: 'alertsByPackage[0].alerts[0]', family: 'amazonlinux', release: '2018.03', image: { ref: 'shop/web:1.4.3' }, packages: 90 });
    const { findings } = finalizeFindings([fromTrivy, fromGrype]);
    expect(findings[0]!.id).toBe(findings[1]!.id);
    const merged = mergeFindings(findings);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.sources.map((s) => s.engine).sort()).toEqual(['grype', 'trivy']);
  });

  it('keep their identity when the image moves to another end-of-life release', () => {
    const a = endOfLifeOsDraft({ engine: 'trivy', nativeId: 'x', family: 'debian', release: '9.13', image });
    const b = endOfLifeOsDraft({ engine: 'trivy', nativeId: 'x', family: 'debian', release: '10.13', image });
    const { findings } = finalizeFindings([a]);
    expect(finalizeFindings([b]).findings[0]!.id).toBe(findings[0]!.id);
  });

  it('are high, container, and fixable by a supported release (so the deploy preset blocks them)', () => {
    expect(endOfLifeOsDraft({ engine: 'trivy', nativeId: 'x', family: 'Debian', release: '9', image })).toMatchObject({
      category: 'container',
      severity: 'high',
      fix: { available: true, state: 'fixed', advice: 'rebuild on a supported debian release' },
      location: { kind: 'image', ref: 'shop/web:1.4.2', name: 'debian', version: '9' },
    });
  });

  it('are about the repository when no image was scanned', () => {
    expect(endOfLifeOsDraft({ engine: 'trivy', nativeId: 'x', family: 'ubuntu', release: '14.04' }).location).toEqual({ kind: 'repository' });
  });

  it('spell families one way', () => {
    expect(['rhel', 'oraclelinux', 'almalinux', 'rockylinux', 'opensuseleap', 'mariner', 'Alpine'].map(normaliseOsFamily)).toEqual(['redhat', 'oracle', 'alma', 'rocky', 'opensuse.leap', 'cbl-mariner', 'alpine']);
  });
});
