import { ParseError } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { codeFinding, findingsDocument } from '../test-support/findings';
import { readFindingsDocument } from './read-findings-document';

const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('readFindingsDocument', () => {
  it('reads the engines and findings of a findings.json', () => {
    const doc = findingsDocument([codeFinding('app/a.py', 1), codeFinding('app/b.py', 2)]);
    const read = readFindingsDocument(bytes(doc), 'sast/findings.json');
    expect(read.engines).toEqual(doc.engines);
    expect(read.findings.map((f) => f.id)).toEqual(doc.findings.map((f) => f.id));
    expect(read.problems).toEqual([]);
  });

  it('keeps the valid findings when one does not validate, and says which', () => {
    const doc = findingsDocument([codeFinding('app/a.py', 1), codeFinding('app/b.py', 2)]) as unknown as { findings: Record<string, unknown>[] };
    doc.findings[1] = { ...doc.findings[1], severity: 'catastrophic', __proto__: { polluted: true } };
    const read = readFindingsDocument(bytes(doc), 'sast/findings.json');
    expect(read.findings).toHaveLength(1);
    expect(read.problems).toEqual([expect.stringMatching(/^1 finding did not validate and was not taken \(findings\[1\]\.severity: /)]);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses what is not a findings document, naming the file and position', () => {
    expect(() => readFindingsDocument(bytes('{"schemaVersion": "1.0",\n "tool": '), 'x/findings.json')).toThrow(ParseError);
    expect(() => readFindingsDocument(bytes('{"schemaVersion": "1.0",\n "tool": '), 'x/findings.json')).toThrow(/x\/findings\.json:2:\d+.*truncated/);
    expect(() => readFindingsDocument(bytes({ runs: [] }), 'x/findings.json')).toThrow(/not a Gatehouse findings document/);
    expect(() => readFindingsDocument(bytes({ ...findingsDocument([]), schemaVersion: '2.0' }), 'x/findings.json')).toThrow(/schema version "2\.0" is not 1\.0/);
    expect(() => readFindingsDocument(Buffer.from('\xff\xfe{\0}\0', 'latin1'), 'x/findings.json')).toThrow(ParseError);
  });
});
