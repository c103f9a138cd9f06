import { ParseError } from '@gatehouse/findings';
import { parseCycloneDxSbom } from './cyclonedx-sbom';
import { manifestKindOf } from './manifest-kind';
import { parsePackageLock } from './npm-package-lock';
import type { ManifestKind, ManifestParseResult } from './package-ref';
import { parsePnpmLock } from './pnpm-lock';
import { parsePipfileLock, parsePoetryLock, parseUvLock } from './python-locks';
import { parseRequirementsTxt, type IncludeReader } from './requirements-txt';
import { parseYarnLock } from './yarn-lock';

/**
 * Parses one manifest by its kind (from its file name unless given). Throws ParseError (file and
 * position) for a file that is not what its name says; entries it cannot use are in `skipped`.
 */
export function parseManifest(text: string, manifest: string, options: { kind?: ManifestKind; readInclude?: IncludeReader } = {}): ManifestParseResult {
  const kind = options.kind ?? manifestKindOf(manifest);
  switch (kind) {
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return parsePackageLock(text, manifest, kind);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(text, manifest);
    case 'yarn.lock':
      return parseYarnLock(text, manifest);
    case 'requirements.txt':
      return parseRequirementsTxt(text, manifest, options.readInclude);
    case 'poetry.lock':
      return parsePoetryLock(text, manifest);
    case 'uv.lock':
      return parseUvLock(text, manifest);
    case 'Pipfile.lock':
      return parsePipfileLock(text, manifest);
    case 'cyclonedx':
      return parseCycloneDxSbom(text, manifest);
    default:
      throw new ParseError('not a lockfile Gatehouse reads (package-lock.json, npm-shrinkwrap.json, pnpm-lock.yaml, yarn.lock, requirements*.txt, poetry.lock, uv.lock, Pipfile.lock)', manifest);
  }
}
