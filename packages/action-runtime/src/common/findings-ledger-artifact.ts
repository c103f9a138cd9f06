import { errorMessage, type Finding } from '@gatehouse/findings';
import {
  downloadArtifactZip,
  listDefaultBranchArtifacts,
  RunArtifacts,
  type ArtifactStore,
  type GitHubClient,
  type GitHubContext,
  type RepositoryArtifact,
} from '@gatehouse/github';
import type { FindingsLedger, FindingsLedgerFactory, FindingsLedgerSetup } from './findings-ledger';
import {
  firstSeenDates,
  LEDGER_FILE,
  LEDGER_LIMITS,
  mergeLedgers,
  parseLedger,
  recordFindings,
  serializeLedger,
  type LedgerEntries,
} from './findings-ledger-document';

/** The artifact every default-branch policy-gate run uploads (not `gatehouse-findings-*`: the gate gathers those). */
export const LEDGER_ARTIFACT = 'gatehouse-ledger';

export interface ArtifactLedgerOptions {
  /** Where `write` uploads the ledger (default: this run's artifacts through @actions/artifact). */
  store?: ArtifactStore;
  /** How many of the newest default-branch ledgers are united (default 5): concurrent writers each leave one. */
  recent?: number;
  /** Scratch space for the upload (RUNNER_TEMP). */
  tempDirectory?: string;
}

/**
 * The findings ledger kept as an artifact of default-branch runs (docs/adr/1400-findings-ledger.md).
 * Reading unites the newest `recent` ledgers whose runs are proven to be the default branch's
 * (`listDefaultBranchArtifacts`), keeping the earliest first-seen date per finding; writing does the
 * same again just before uploading, so a ledger written meanwhile by a concurrent run is merged in,
 * and one that finished later still leaves its own artifact for the next reader to unite.
 */
export function artifactFindingsLedger(options: ArtifactLedgerOptions = {}): FindingsLedgerFactory {
  return (setup) => new ArtifactFindingsLedger(setup, options);
}

class ArtifactFindingsLedger implements FindingsLedger {
  private readonly client: GitHubClient;
  private readonly context: GitHubContext;
  private readonly setup: FindingsLedgerSetup;
  private readonly recent: number;
  private readonly loaded = new Map<number, LedgerEntries>();
  private readonly messages: string[] = [];
  private reading: Promise<ReadonlyMap<string, string>> | undefined;
  private readFailed = false;

  constructor(
    setup: FindingsLedgerSetup,
    private readonly options: ArtifactLedgerOptions,
  ) {
    this.setup = setup;
    this.client = setup.client;
    this.context = setup.context;
    this.recent = Math.min(Math.max(options.recent ?? 5, 1), 20);
  }

  read(): Promise<ReadonlyMap<string, string>> {
    this.reading ??= this.load(new Date());
    return this.reading;
  }

  notes(): string[] {
    return [...this.messages];
  }

  async write(findings: readonly Finding[], now: Date): Promise<void> {
    await this.read();
    if (this.readFailed) {
      throw new Error('the earlier ledgers could not be read, and writing one without them would lose their first-seen dates');
    }
    // Again, just before writing: a run that finished since this one read is merged in.
    await this.gather(now);
    const next = recordFindings(mergeLedgers(this.loaded.values()), findings, now);
    const store = this.options.store ?? new RunArtifacts({ logger: this.setup.logger, ...(this.options.tempDirectory ? { tempDirectory: this.options.tempDirectory } : {}) });
    const outcome = await store.uploadFiles(LEDGER_ARTIFACT, [{ path: LEDGER_FILE, content: serializeLedger(next, now) }]);
    if (outcome.status !== 'uploaded') throw new Error(`the ${LEDGER_ARTIFACT} artifact was not uploaded: ${outcome.reason}`);
    this.setup.logger.info(`findings ledger: ${next.size} finding(s) recorded in the ${LEDGER_ARTIFACT} artifact`);
  }

  private async load(now: Date): Promise<ReadonlyMap<string, string>> {
    try {
      await this.gather(now);
    } catch (error) {
      this.readFailed = true;
      const message = `The findings ledger could not be read (${errorMessage(error).slice(0, 300)}): every finding counts as first seen now and, without a baseline file, as new. policy-gate needs actions: read and contents: read.`;
      this.setup.logger.warning(message);
      this.messages.push(message);
      return new Map();
    }
    const merged = mergeLedgers(this.loaded.values());
    this.setup.logger.info(`findings ledger: ${merged.size} finding(s) known from ${this.loaded.size} default-branch ledger(s)`);
    return firstSeenDates(merged);
  }

  /** Downloads the newest trusted ledgers not yet loaded; one that cannot be read is skipped and said. */
  private async gather(now: Date): Promise<void> {
    const found = await listDefaultBranchArtifacts(this.client, LEDGER_ARTIFACT, {
      limit: this.recent,
      ...(this.context.repository.defaultBranch ? { defaultBranch: this.context.repository.defaultBranch } : {}),
    });
    for (const { artifact, reason } of found.rejected) {
      this.setup.logger.info(`findings ledger: artifact ${artifact.id} is not taken: ${reason}`);
    }
    for (const artifact of found.artifacts) {
      if (this.loaded.has(artifact.id)) continue;
      const entries = await this.download(artifact, now);
      if (entries) this.loaded.set(artifact.id, entries);
    }
  }

  private async download(artifact: RepositoryArtifact, now: Date): Promise<LedgerEntries | undefined> {
    try {
      const files = await downloadArtifactZip(this.client, artifact.id, {
        ...(artifact.digest ? { expectedDigest: artifact.digest } : {}),
        maxZipBytes: LEDGER_LIMITS.maxFileBytes,
        maxTotalBytes: LEDGER_LIMITS.maxFileBytes,
        maxEntries: 10,
        include: (name) => name === LEDGER_FILE,
      });
      const content = files.get(LEDGER_FILE);
      if (!content) throw new Error(`it has no ${LEDGER_FILE}`);
      const { entries, skipped } = parseLedger(content, now);
      if (skipped > 0) this.note(`The findings ledger of run ${artifact.workflowRun.id} had ${skipped} unreadable or future-dated entr${skipped === 1 ? 'y' : 'ies'}: they were skipped.`);
      return entries;
    } catch (error) {
      this.note(`The findings ledger of run ${artifact.workflowRun.id} (artifact ${artifact.id}) was not used: ${errorMessage(error).slice(0, 300)}.`);
      return undefined;
    }
  }

  private note(message: string): void {
    this.setup.logger.warning(message);
    this.messages.push(message);
  }
}
