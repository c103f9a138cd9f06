import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '@gatehouse/findings';
import { loadVexFile, parseVexDocument } from './parse-vex-document';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const shared = new URL('../../../../../shared/fixtures/', import.meta.url);
const sharedFile = (path: string) => new URL(path, shared);

describe('parseVexDocument: OpenVEX', () => {
  it('reads v0.2.0 statements: vulnerability objects with aliases, product objects with subcomponents', () => {
    const statements = parseVexDocument(fixture('openvex-v0.2.0-statuses.json'), 'vex/payments.openvex.json');
    expect(statements.map((s) => [s.vulnerability, s.status])).toEqual([
      ['CVE-2020-8203', 'not_affected'],
      ['CVE-2022-0001', 'fixed'],
      ['CVE-2023-0002', 'under_investigation'],
      ['CVE-2023-0003', 'affected'],
    ]);
    expect(statements[0]).toMatchObject({
      format: 'openvex',
      source: 'vex/payments.openvex.json#/statements/0',
      aliases: ['GHSA-p6mc-m468-83gw'],
      justification: 'vulnerable_code_not_in_execute_path',
      detail: 'zipObjectDeep is never called',
      timestamp: '2025-05-20T10:00:00Z',
      products: [
        { purl: 'pkg:oci/payments-api', subcomponents: ['pkg:npm/lodash@4.17.15'] },
        { purl: 'pkg:npm/lodash@4.17.15', subcomponents: [] },
      ],
    });
    expect(statements[1]!.detail).toBe('backported patch in our build');
  });

  it('reads the early string form, with statement-level subcomponents', () => {
    const statements = parseVexDocument(fixture('openvex-legacy-string-form.json'), 'legacy.json');
    expect(statements[0]!.products.map((p) => p.purl)).toEqual([
      'pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64',
      'pkg:apk/wolfi/git@2.39.0-r1?arch=armv7',
    ]);
    expect(statements[1]!.products).toEqual([{ id: 'https://example.com/products/git-server', subcomponents: ['pkg:apk/wolfi/git@2.39.0-r1'] }]);
    expect(statements[1]!.timestamp).toBe('2023-01-08T18:02:03-06:00');
  });

  it('refuses a status OpenVEX does not define, naming the file, key and line', () => {
    const text = fixture('openvex-bad-status.json');
    try {
      parseVexDocument(text, 'vex/bad.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      const parse = error as ParseError;
      expect(parse.file).toBe('vex/bad.json');
      expect(parse.message).toContain('statements[0].status');
      expect(parse.line).toBe(text.split('\n').findIndex((l) => l.includes('not_exploitable')) + 1);
    }
  });
});

describe('parseVexDocument: CycloneDX', () => {
  const statements = parseVexDocument(fixture('cyclonedx-vex-image-components.json'), 'vex/image.cdx.json');
  const byId = new Map(statements.map((s) => [s.vulnerability, s]));

  it('maps analysis states to VEX statuses', () => {
    expect(byId.get('CVE-2024-0001')!.status).toBe('not_affected'); // false_positive
    expect(byId.get('CVE-2024-0002')!.status).toBe('fixed'); // resolved
    expect(byId.get('CVE-2024-0003')!.status).toBe('affected'); // exploitable
    expect(byId.get('CVE-2024-0004')!.status).toBe('under_investigation'); // in_triage
  });

  it('leaves out vulnerabilities without an analysis (scanner output, not statements)', () => {
    expect(byId.has('CVE-2024-0007')).toBe(false);
    expect(statements).toHaveLength(6);
  });

  it('resolves affects refs to component purls, nested components and BOM-Links included', () => {
    expect(byId.get('CVE-2024-0001')).toMatchObject({
      aliases: ['GHSA-aaaa-bbbb-cccc'],
      detail: 'not the affected build',
      timestamp: '2025-05-02T00:00:00Z',
      products: [{ purl: 'pkg:deb/debian/openssl@3.0.2?distro=bookworm', subcomponents: [] }],
    });
    expect(byId.get('CVE-2024-0002')!.products).toEqual([{ purl: 'pkg:deb/debian/zlib1g@1.2.13', subcomponents: [] }]);
    expect(byId.get('CVE-2024-0002')!.timestamp).toBe('2025-05-01T00:00:00Z');
  });

  it('marks a component without a purl as unresolved, and the image subject as the image', () => {
    expect(byId.get('CVE-2024-0005')!.products).toEqual([{ id: 'no-purl-ref', subcomponents: [], unresolved: true }]);
    expect(byId.get('CVE-2024-0006')!.products).toEqual([{ purl: 'pkg:oci/payments-api@sha256%3Aabc123', subcomponents: [] }]);
  });

  it.skipIf(!existsSync(sharedFile('cyclonedx/cisa-vex-case-2-1.4.cdx.json')))('reads the CISA use-case VEX document: every statement about the whole product', () => {
    const cisa = parseVexDocument(readFileSync(sharedFile('cyclonedx/cisa-vex-case-2-1.4.cdx.json'), 'utf8'), 'cisa.json');
    expect(cisa).toHaveLength(19);
    expect(cisa.every((s) => s.status === 'not_affected')).toBe(true);
    expect(cisa[0]).toMatchObject({ vulnerability: 'CVE-2020-11896', justification: 'code_not_reachable', products: [{ id: 'product-ABC', subcomponents: [] }] });
  });

  it.skipIf(!existsSync(sharedFile('grype/cyclonedx-vex-image.golden.cdx.json')))('reads grype CycloneDX output as no statements (it has no analyses)', () => {
    const grype = parseVexDocument(readFileSync(sharedFile('grype/cyclonedx-vex-image.golden.cdx.json'), 'utf8'), 'grype.cdx.json');
    expect(grype).toEqual([]);
  });
});

describe('parseVexDocument: what it refuses', () => {
  const refuses = (text: string, pattern: RegExp) => {
    expect(() => parseVexDocument(text, 'vex.json')).toThrow(ParseError);
    expect(() => parseVexDocument(text, 'vex.json')).toThrow(pattern);
  };

  it('refuses a document that is neither OpenVEX nor CycloneDX', () => {
    refuses('{"statements": []}', /neither OpenVEX .* nor CycloneDX/);
    refuses('{"runs": []}', /neither/);
  });

  it('refuses JSON that is not an object', () => {
    refuses('[]', /expected a JSON object/);
    refuses('null', /expected a JSON object/);
  });

  it('refuses an empty file and truncated JSON, with the position', () => {
    refuses('', /is empty/);
    refuses('{"@context": "https://openvex.dev/ns", "statements": [', /truncated/);
    try {
      parseVexDocument('{\n  "a": 1,\n  oops\n}', 'vex.json');
      expect.unreachable();
    } catch (error) {
      expect((error as ParseError).line).toBe(3);
    }
  });

  it('refuses a CycloneDX analysis state the spec does not define', () => {
    refuses('{"bomFormat":"CycloneDX","vulnerabilities":[{"id":"CVE-1","analysis":{"state":"maybe"}}]}', /vulnerabilities\[0\]\.analysis\.state/);
  });

  it('does not let __proto__ keys reach any object prototype', () => {
    const text = '{"@context":"https://openvex.dev/ns","__proto__":{"polluted":true},"statements":[{"vulnerability":"CVE-1","status":"fixed","__proto__":{"x":1}}]}';
    const statements = parseVexDocument(text, 'vex.json');
    expect(statements).toHaveLength(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads deeply nested components without overflowing the stack, or refuses them cleanly', () => {
    let component = '{"bom-ref":"leaf","purl":"pkg:npm/x@1"}';
    for (let i = 0; i < 5_000; i++) component = `{"bom-ref":"c${i}","components":[${component}]}`;
    const text = `{"bomFormat":"CycloneDX","components":[${component}],"vulnerabilities":[{"id":"CVE-1","analysis":{"state":"resolved"},"affects":[{"ref":"leaf"}]}]}`;
    let result: unknown;
    try {
      result = parseVexDocument(text, 'deep.json');
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      return;
    }
    expect(result).toEqual([expect.objectContaining({ products: [{ purl: 'pkg:npm/x@1', subcomponents: [] }] })]);
  });
});

describe('loadVexFile', () => {
  it('reads a VEX file from disk', () => {
    expect(loadVexFile(new URL('./__fixtures__/openvex-superseded.json', import.meta.url).pathname)).toHaveLength(2);
  });

  it('refuses a missing file with a ParseError naming it (a listed VEX document must exist)', () => {
    expect(() => loadVexFile('/nonexistent/vex.json')).toThrow(ParseError);
    expect(() => loadVexFile('/nonexistent/vex.json')).toThrow('/nonexistent/vex.json: cannot read the VEX document (ENOENT)');
  });
});
