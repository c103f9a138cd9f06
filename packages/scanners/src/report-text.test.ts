import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { decodeReport } from './report-text';
import { parseJsonDocument, parseJsonLines } from './json-document';

describe('reading report text', () => {
  it('refuses UTF-16 with a BOM, naming the file', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}', 'utf16le')]);
    expect(() => decodeReport(bytes, 'trivy.json')).toThrow(/trivy\.json: report is UTF-16/);
  });

  it('refuses UTF-16 without a BOM', () => {
    expect(() => decodeReport(Buffer.from('[{"a":1}]', 'utf16le'), 'r.json')).toThrow(/UTF-16/);
  });

  it('refuses invalid UTF-8', () => {
    expect(() => decodeReport(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), 'r.json')).toThrow(/not valid UTF-8/);
  });

  it('strips a UTF-8 BOM', () => {
    expect(decodeReport(Buffer.from('\ufeff[]', 'utf8'), 'r.json')).toBe('[]');
  });
});

describe('parsing JSON documents', () => {
  it('says a cut-off report is truncated, with its position', () => {
    const error = (() => {
      try {
        parseJsonDocument('{\n  "results": [\n    {"a": 1}', 'bandit.json');
      } catch (e) {
        return e;
      }
    })() as ParseError;
    expect(error).toBeInstanceOf(ParseError);
    expect(error.message).toMatch(/^bandit\.json:3:\d+: report is truncated/);
  });

  it('names line and column of a syntax error', () => {
    expect(() => parseJsonDocument('{\n  "a": 1,\n  oops\n}', 'x.json')).toThrow(/x\.json:3:3: invalid JSON/);
  });

  it('refuses an empty report', () => {
    expect(() => parseJsonDocument('  \n', 'x.json')).toThrow(/x\.json: report is empty/);
  });

  it('reads JSON lines, keeping good lines when one is bad', () => {
    const r = parseJsonLines('{"a":1}\n\nnot json\n{"b":2}\n');
    expect(r.records.map((x) => x.line)).toEqual([1, 4]);
    expect(r.errors).toEqual([{ line: 3, reason: expect.any(String) }]);
  });

  it('does not let a __proto__ key change any prototype', () => {
    const doc = parseJsonDocument('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}', 'x.json') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
  });
});
