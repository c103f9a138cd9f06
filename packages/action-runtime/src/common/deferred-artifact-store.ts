import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ArtifactFileInput, ArtifactStore, ArtifactUploadOptions, ArtifactUploadOutcome } from '@gatehouse/github';

/**
 * An ArtifactStore for `uploadSarif`'s "keep it" path that adds the files to the action's one
 * artifact (its output directory) instead of uploading a second artifact. The artifact is uploaded
 * after publishing, and the action reports that upload's outcome: a "kept" SARIF whose artifact then
 * failed is said to be lost. A file identical to one the directory already holds is not copied;
 * a different one goes under `kept/`.
 */
export class DeferredArtifactStore implements ArtifactStore {
  private readonly added: string[] = [];

  constructor(
    /** The name of the artifact the files become part of. */
    readonly artifactName: string,
    /** The directory the artifact is uploaded from. */
    private readonly root: string,
  ) {}

  async uploadFiles(_name: string, files: readonly ArtifactFileInput[], _options?: ArtifactUploadOptions): Promise<ArtifactUploadOutcome> {
    let size = 0;
    for (const file of files) {
      const content = Buffer.from(file.content);
      size += content.length;
      const existing = join(this.root, ...file.path.split('/'));
      if (existsSync(existing) && readFileSync(existing).equals(content)) continue;
      const target = join(this.root, 'kept', ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      this.added.push(target);
    }
    return { status: 'uploaded', name: this.artifactName, id: 0, size, digest: undefined };
  }

  /** Absolute paths of the files this store added to the directory. */
  get addedFiles(): readonly string[] {
    return this.added;
  }
}
