import type { DraftWithHints, Location } from '@gatehouse/findings';

/**
 * An image whose operating system has reached end of life gets no more security fixes, and the
 * scanners' advisories for it stop too: a clean scan of such an image means little. It is a
 * finding of its own (category container), reported by whichever engine knows it:
 *
 * - trivy: `Metadata.OS.EOSL: true` (the OS family and release in `Metadata.OS`);
 * - grype: an `alertsByPackage[].alerts[]` entry of type `distro-eol` (grype ≥ 0.105, with the
 *   distro in the alert's metadata), the report's `distro` naming the release.
 *
 * Both engines build the finding here, with the same rule id, title and location (the image and
 * the OS family), so trivy's and grype's reports of one end-of-life OS merge into one finding.
 * The release is in the message and `location.version`, not in the identity: an image moved from
 * one end-of-life release to another is still the same problem, with the same SLA clock.
 */
export const OS_END_OF_LIFE_RULE = 'os-end-of-life';

/** The two engines name some families differently; identity needs one spelling. */
const FAMILY_ALIASES: Readonly<Record<string, string>> = {
  amazonlinux: 'amazon',
  amzn: 'amazon',
  oraclelinux: 'oracle',
  ol: 'oracle',
  rhel: 'redhat',
  rockylinux: 'rocky',
  almalinux: 'alma',
  opensuseleap: 'opensuse.leap',
  'opensuse-leap': 'opensuse.leap',
  mariner: 'cbl-mariner',
  sles: 'suse',
};

export function normaliseOsFamily(family: string): string {
  const value = family.trim().toLowerCase().replace(/\s+/g, '-').slice(0, 100);
  return Object.hasOwn(FAMILY_ALIASES, value) ? FAMILY_ALIASES[value]! : value;
}

export interface EndOfLifeOsInput {
  engine: string;
  engineVersion?: string;
  /** Where the engine said so: `Metadata.OS.EOSL`, `alertsByPackage[3].alerts[0]`. */
  nativeId: string;
  family: string;
  release: string;
  /** The image the OS is in; absent for a file-system scan (then the finding is about the repository). */
  image?: { ref: string; digest?: string };
  /** How many packages the engine says come from the end-of-life OS (grype counts them). */
  packages?: number;
}

export function endOfLifeOsDraft(input: EndOfLifeOsInput): DraftWithHints {
  const family = normaliseOsFamily(input.family) || 'unknown-os';
  const release = input.release.trim().replace(/\s+/g, ' ').slice(0, 200);
  const packages = input.packages !== undefined && input.packages > 0 ? ` (${input.packages} packages come from it)` : '';
  const location: Location = input.image
    ? {
        kind: 'image',
        ref: input.image.ref.slice(0, 2_000),
        ...(input.image.digest ? { digest: input.image.digest.slice(0, 200) } : {}),
        name: family,
        ...(release ? { version: release } : {}),
      }
    : { kind: 'repository' };
  return {
    category: 'container',
    ruleId: OS_END_OF_LIFE_RULE,
    title: 'Operating system is end-of-life',
    message: `${family} ${release} has reached end of life: it gets no more security fixes, and vulnerability data for it may be incomplete${packages}. Rebuild the image on a supported release.`.replace(/\s+/g, ' '),
    severity: 'high',
    severityBasis: { kind: 'default', reason: 'an end-of-life OS gets no more security fixes (Gatehouse default: high)' },
    identifiers: [{ type: 'RULE', value: OS_END_OF_LIFE_RULE }],
    aliases: [],
    location,
    // The remedy exists (a supported release), so a policy that blocks only fixable findings
    // (the deploy preset) blocks an end-of-life base image too.
    fix: { available: true, versions: [], state: 'fixed', advice: `rebuild on a supported ${family} release` },
    sources: [{ engine: input.engine, ...(input.engineVersion ? { engineVersion: input.engineVersion.slice(0, 100) } : {}), nativeId: input.nativeId.slice(0, 1_000) }],
    tags: ['end-of-life'],
  };
}
