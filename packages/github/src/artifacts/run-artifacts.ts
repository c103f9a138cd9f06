import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DefaultArtifactClient, type ArtifactClient } from '@actions/artifact';
import { ConfigurationError, errorMessage, type Logger } from '@gatehouse/findings';
import { checkArtifactName } from './artifact-name';
import { ArchiveRefused, unzipInMemory, type ArtifactFiles, type UnzipLimits } from './unzip-in-memory';

/** A file to put in an artifact: its path inside the artifact and its content. */
export interface ArtifactFileInput {
  path: string;
  content: string | Buffer;
}

export interface ArtifactUploadOptions {
  /** 1–90 days (the repository may cap it lower); the repository's default when absent. */
  retentionDays?: number;
  /** Replace an artifact of the same name in this run (a re-run of the job). Default true. */
  overwrite?: boolean;
}

export type ArtifactUploadOutcome =
  | { status: 'uploaded'; name: string; id: number; size: number; digest: string | undefined }
  | { status: 'failed'; name: string; reason: string };

/** Where publishing keeps what it could not put elsewhere; the default is this run's artifacts. */
export interface ArtifactStore {
  uploadFiles(name: string, files: readonly ArtifactFileInput[], options?: ArtifactUploadOptions): Promise<ArtifactUploadOutcome>;
}

export interface RunArtifact {
  id: number;
  name: string;
  size: number;
  digest: string | undefined;
}

export interface RunArtifactsOptions {
  logger: Logger;
  /** Private scratch space for files being uploaded or downloaded (RUNNER_TEMP, else the OS temp directory). */
  tempDirectory?: string;
  /** The @actions/artifact client (its default reads ACTIONS_RUNTIME_TOKEN and ACTIONS_RESULTS_URL). */
  client?: ArtifactClient;
}

export interface DownloadLimits extends UnzipLimits {
  /** The zip itself (default 64 MiB). */
  maxZipBytes?: number;
}

function checkInnerPath(path: string): string {
  if (!path || path.startsWith('/') || path.includes('\\') || /[\0-\x1f"<>|*?:]/.test(path) || path.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new ConfigurationError(`artifact file path ${JSON.stringify(path).slice(0, 200)} must be relative, with forward slashes and no "..", ":", "*", "?", "<", ">", "|" or quotes`);
  }
  return path;
}

function checkRetention(days: number | undefined): number | undefined {
  if (days === undefined || days === 0) return undefined;
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new ConfigurationError(`retention days must be a whole number from 1 to 90, not ${days}`);
  return days;
}

function sameDigest(expected: string | undefined, content: Buffer): boolean {
  if (!expected) return true;
  const hex = createHash('sha256').update(content).digest('hex');
  return expected.replace(/^sha256:/, '').toLowerCase() === hex;
}

/**
 * This run's artifacts through @actions/artifact (v2+ API): upload files made in memory or already
 * on disk, list, and download into memory through a checked unzip. Failures to upload are outcomes
 * (publishing degrades, the verdict stands); failures to download throw.
 */
export class RunArtifacts implements ArtifactStore {
  private readonly logger: Logger;
  private readonly tempRoot: string;
  private readonly client: ArtifactClient;

  constructor(options: RunArtifactsOptions) {
    this.logger = options.logger;
    this.tempRoot = options.tempDirectory ?? process.env.RUNNER_TEMP ?? tmpdir();
    this.client = options.client ?? new DefaultArtifactClient();
  }

  private scratch(): string {
    mkdirSync(this.tempRoot, { recursive: true });
    return mkdtempSync(join(this.tempRoot, 'gatehouse-artifact-'));
  }

  /** Writes `files` into a private directory and uploads them as artifact `name`. */
  async uploadFiles(name: string, files: readonly ArtifactFileInput[], options: ArtifactUploadOptions = {}): Promise<ArtifactUploadOutcome> {
    checkArtifactName(name);
    if (files.length === 0) return { status: 'failed', name, reason: 'no files to upload' };
    const seen = new Set<string>();
    for (const file of files) {
      if (seen.has(checkInnerPath(file.path))) throw new ConfigurationError(`artifact ${name}: ${file.path} is listed twice`);
      seen.add(file.path);
    }
    const root = this.scratch();
    try {
      const paths = files.map((file) => {
        const target = join(root, ...file.path.split('/'));
        mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
        writeFileSync(target, file.content, { mode: 0o600, flag: 'wx' });
        return target;
      });
      return await this.uploadFromDisk(name, paths, root, options);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }

  /** Uploads files already on disk (native reports), named in the artifact relative to `rootDirectory`. */
  async uploadFromDisk(name: string, paths: readonly string[], rootDirectory: string, options: ArtifactUploadOptions = {}): Promise<ArtifactUploadOutcome> {
    checkArtifactName(name);
    const retentionDays = checkRetention(options.retentionDays);
    const upload = () => this.client.uploadArtifact(name, [...paths], rootDirectory, retentionDays ? { retentionDays } : {});
    try {
      let response;
      try {
        response = await upload();
      } catch (error) {
        if (options.overwrite === false || !/already exists/i.test(errorMessage(error))) throw error;
        this.logger.info(`artifact ${name} already exists in this run (a re-run of the job): replacing it`);
        await this.client.deleteArtifact(name);
        response = await upload();
      }
      if (response.id === undefined) return { status: 'failed', name, reason: 'the artifact service did not confirm the upload' };
      return { status: 'uploaded', name, id: response.id, size: response.size ?? 0, digest: response.digest };
    } catch (error) {
      const reason = errorMessage(error).split('\n')[0]!.slice(0, 500);
      this.logger.warning(`could not upload artifact ${name}: ${reason}`);
      return { status: 'failed', name, reason };
    }
  }

  /** Artifacts of this run (uploaded by any job), optionally only those whose names start with `prefix`. */
  async list(options: { prefix?: string } = {}): Promise<RunArtifact[]> {
    const { artifacts } = await this.client.listArtifacts({ latest: true });
    return artifacts
      .filter((artifact) => options.prefix === undefined || artifact.name.startsWith(options.prefix))
      .map((artifact) => ({ id: artifact.id, name: artifact.name, size: artifact.size, digest: artifact.digest }));
  }

  /**
   * The files of artifact `name` of this run, in memory. The zip is downloaded as it is (never
   * extracted to disk by the library), checked against the digest the service recorded, and read
   * through `unzipInMemory` (no traversal, no links, size-capped).
   */
  async download(name: string, limits: DownloadLimits = {}): Promise<ArtifactFiles> {
    checkArtifactName(name);
    const maxZip = limits.maxZipBytes ?? 64 * 1024 * 1024;
    const { artifact } = await this.client.getArtifact(name);
    if (artifact.size > maxZip) throw new ArchiveRefused(`artifact ${name} is ${artifact.size} bytes, more than ${maxZip}`);
    const directory = this.scratch();
    try {
      await this.client.downloadArtifact(artifact.id, { path: directory, skipDecompress: true });
      const entries = readdirSync(directory);
      if (entries.length !== 1) throw new ArchiveRefused(`artifact ${name}: expected one downloaded file, found ${entries.length}`);
      const zip = readFileSync(join(directory, entries[0]!));
      if (zip.length > maxZip) throw new ArchiveRefused(`artifact ${name} is ${zip.length} bytes, more than ${maxZip}`);
      if (!sameDigest(artifact.digest, zip)) throw new ArchiveRefused(`artifact ${name} does not match the digest recorded at upload`);
      return await unzipInMemory(zip, limits);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
}
