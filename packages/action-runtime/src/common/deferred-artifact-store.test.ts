import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeferredArtifactStore } from './deferred-artifact-store';

describe('DeferredArtifactStore', () => {
  it('adds kept files to the one artifact: an identical copy once, a different one under kept/', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gatehouse-deferred-'));
    writeFileSync(join(root, 'results.sarif'), '{"runs":[1]}');
    const store = new DeferredArtifactStore('gatehouse-findings-sast-build', root);

    const same = await store.uploadFiles('ignored', [{ path: 'results.sarif', content: '{"runs":[1]}' }]);
    expect(same).toMatchObject({ status: 'uploaded', name: 'gatehouse-findings-sast-build' });
    expect(store.addedFiles).toEqual([]);

    await store.uploadFiles('ignored', [{ path: 'results.sarif', content: '{"runs":[2]}' }]);
    expect(store.addedFiles).toEqual([join(root, 'kept', 'results.sarif')]);
    expect(readFileSync(join(root, 'kept', 'results.sarif'), 'utf8')).toBe('{"runs":[2]}');
  });
});
