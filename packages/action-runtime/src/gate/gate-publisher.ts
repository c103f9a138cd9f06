import { ConfigurationError, errorMessage, type FindingsDocument } from '@gatehouse/findings';
import type { ActionSetup } from '../common/action-setup';

/** What a publisher adds to the job summary: short notes, and whole Markdown sections. */
export interface GatePublication {
  notes?: string[];
  sections?: string[];
}

/**
 * Something policy-gate publishes after deciding (notifications, remediation issues). It sees the
 * run's setup and the final document; it can never change the verdict, and whatever it throws
 * becomes a note in the summary.
 */
export interface GatePublisher {
  /** Shown in the log group and in the note when it fails ("notifications"). */
  name: string;
  publish(setup: ActionSetup, document: FindingsDocument): Promise<GatePublication>;
}

/** Runs each publisher in turn; a failure is said (a warning and a note), never thrown. */
export async function runGatePublishers(publishers: readonly GatePublisher[], setup: ActionSetup, document: FindingsDocument): Promise<Required<GatePublication>> {
  const result: Required<GatePublication> = { notes: [], sections: [] };
  for (const publisher of publishers) {
    try {
      const publication = await publisher.publish(setup, document);
      result.notes.push(...(publication.notes ?? []));
      result.sections.push(...(publication.sections ?? []));
    } catch (error) {
      const what = error instanceof ConfigurationError ? 'is misconfigured' : 'failed';
      const message = `The ${publisher.name} ${what}: ${errorMessage(error).slice(0, 500)}. The verdict is not affected.`;
      setup.logger.warning(message);
      result.notes.push(message);
    }
  }
  return result;
}
