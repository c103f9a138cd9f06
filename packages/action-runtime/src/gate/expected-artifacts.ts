import { ConfigurationError } from '@gatehouse/findings';
import { artifactName } from '@gatehouse/github';
import { FINDINGS_ARTIFACT_PREFIX, GATEHOUSE_ACTIONS, SCANNING_ACTIONS } from '../common/gatehouse-actions';

/**
 * One line of the `expected` input: an action (`sast`: some job of it must have uploaded findings),
 * an action and a job (`sast/build`: that job, any matrix leg), or an artifact name
 * (`gatehouse-findings-sast-build`, any matrix leg).
 */
export interface ExpectedArtifact {
  /** As written, for messages. */
  entry: string;
  matches(name: string): boolean;
}

const MATRIX_SUFFIX = /^-[0-9a-f]{8}$/;

function exactOrMatrixLeg(prefix: string): (name: string) => boolean {
  return (name) => name === prefix || (name.startsWith(prefix) && MATRIX_SUFFIX.test(name.slice(prefix.length)));
}

function knownActions(): string {
  return SCANNING_ACTIONS.join(', ');
}

/** Parses the `expected` input; an entry that names no Gatehouse action or findings artifact is refused. */
export function parseExpected(entries: readonly string[]): ExpectedArtifact[] {
  return entries.map((entry) => {
    if (entry.startsWith(FINDINGS_ARTIFACT_PREFIX)) {
      if (!/^[A-Za-z0-9._-]{1,200}$/.test(entry)) throw new ConfigurationError(`input "expected": ${JSON.stringify(entry).slice(0, 220)} is not an artifact name`);
      return { entry, matches: exactOrMatrixLeg(entry) };
    }
    const [action, job, ...rest] = entry.split('/');
    if (!action || !(SCANNING_ACTIONS as readonly string[]).includes(action) || rest.length > 0 || job === '') {
      throw new ConfigurationError(
        `input "expected": ${JSON.stringify(entry).slice(0, 200)} is not a Gatehouse scanning action (${knownActions()}), an action/job pair such as sast/build, or an artifact name starting with ${FINDINGS_ARTIFACT_PREFIX}`,
      );
    }
    if (job !== undefined) return { entry, matches: exactOrMatrixLeg(artifactName({ kind: 'findings', action, job })) };
    const prefix = `${FINDINGS_ARTIFACT_PREFIX}${action}-`;
    // "deps" must not match "deps-audit"'s artifacts: a longer action name sharing the prefix wins.
    const longer = GATEHOUSE_ACTIONS.filter((other) => other !== action && other.startsWith(`${action}-`)).map((other) => `${FINDINGS_ARTIFACT_PREFIX}${other}-`);
    return { entry, matches: (name) => name.startsWith(prefix) && name.length > prefix.length && !longer.some((l) => name.startsWith(l)) };
  });
}
