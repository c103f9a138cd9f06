import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sarifSchemaErrors, VENDORED_SARIF_SCHEMA } from './sarif-schema';
import { hasShared, sharedPath } from './shared-fixtures';

const minimal = () => ({
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'x' } },
      results: [
        {
          message: { text: 'm' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'a.py' }, region: { startLine: 1 } } }],
        },
      ],
    },
  ],
});

describe('SARIF schema validator', () => {
  it('accepts a minimal valid log', () => {
    expect(sarifSchemaErrors(minimal())).toEqual([]);
  });

  it('rejects a log with a wrong version, a zero line or an invalid URI', () => {
    expect(sarifSchemaErrors({ ...minimal(), version: '2.0.0' })).not.toEqual([]);
    const zeroLine = minimal();
    zeroLine.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(sarifSchemaErrors(zeroLine)).not.toEqual([]);
    const badUri = minimal();
    badUri.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'a b.py';
    expect(sarifSchemaErrors(badUri)).not.toEqual([]);
  });

  it.skipIf(!hasShared('schemas/sarif-schema-2.1.0.json'))('vendors the official schema unchanged', () => {
    expect(readFileSync(VENDORED_SARIF_SCHEMA, 'utf8')).toBe(readFileSync(sharedPath('schemas/sarif-schema-2.1.0.json'), 'utf8'));
  });
});
