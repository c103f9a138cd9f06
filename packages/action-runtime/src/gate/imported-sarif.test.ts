import { describe, expect, it } from 'vitest';
import { codeFinding, findingsDocument } from '../test-support/findings';
import type { GatheredSource } from './gathered-source';
import { selectImportedSarif } from './imported-sarif';

const bandit = codeFinding('a.py', 1);
const semgrep = codeFinding('b.py', 2, { sources: [{ engine: 'semgrep', nativeId: 'r' }] });
const codeql = codeFinding('c.py', 3, { sources: [{ engine: 'sarif', nativeId: 'py/x' }] });
const document = findingsDocument([bandit, semgrep, codeql], [
  { id: 'bandit', status: 'ran' },
  { id: 'semgrep', status: 'ran' },
  { id: 'sarif', status: 'ran' },
]);

function source(kind: GatheredSource['kind'], engine: string): GatheredSource {
  return { kind, name: engine, engines: [{ id: engine, status: 'ran' }], findings: [], problems: [] };
}

describe('which findings the gate uploads itself', () => {
  it('those of findings files whose engine no scanning action uploaded; SARIF files only when asked', () => {
    const sources = [source('artifact', 'bandit'), source('findings-file', 'semgrep'), source('findings-file', 'bandit'), source('sarif-file', 'sarif')];
    const selection = selectImportedSarif(document, sources, { uploadFindingsFiles: true, uploadSarifFiles: false });
    expect(selection.engines).toEqual(['semgrep']);
    expect(selection.ownedByActions).toEqual(['bandit']);
    expect(selection.document!.findings.map((f) => f.id)).toEqual([document.findings[1]!.id]);
    expect(selection.document!.engines.map((e) => e.id)).toEqual(['semgrep']);

    expect(selectImportedSarif(document, sources, { uploadFindingsFiles: true, uploadSarifFiles: true }).engines).toEqual(['sarif', 'semgrep']);
  });

  it('nothing when every finding came from scanning actions', () => {
    expect(selectImportedSarif(document, [source('artifact', 'bandit')], { uploadFindingsFiles: true, uploadSarifFiles: true }).document).toBeUndefined();
  });
});
