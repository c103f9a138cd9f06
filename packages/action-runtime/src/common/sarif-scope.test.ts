import { describe, expect, it } from 'vitest';
import { sarifCategoryScope, scopeSarifCategories } from './sarif-scope';

const log = JSON.stringify({
  version: '2.1.0',
  runs: [
    { tool: { driver: { name: 'gatehouse/trivy' } }, automationDetails: { id: 'gatehouse/trivy/' }, results: [] },
    { tool: { driver: { name: 'gatehouse/grype' } }, automationDetails: { id: 'gatehouse/grype/' }, results: [] },
  ],
});

describe('SARIF categories of an action', () => {
  it('scope each engine run to the action, so two actions running trivy keep separate analyses', () => {
    const deps = scopeSarifCategories(log, sarifCategoryScope('deps-audit'));
    const image = scopeSarifCategories(log, sarifCategoryScope('image-scan'));
    expect(deps.categories).toEqual(['gatehouse/trivy/deps-audit/', 'gatehouse/grype/deps-audit/']);
    expect(image.categories).toEqual(['gatehouse/trivy/image-scan/', 'gatehouse/grype/image-scan/']);
    expect((JSON.parse(deps.json) as { runs: { automationDetails: { id: string } }[] }).runs[0]!.automationDetails.id).toBe('gatehouse/trivy/deps-audit/');
    expect(deps.runs).toBe(2);
  });

  it('add the matrix leg, the same whatever the key order, and nothing for an empty matrix', () => {
    const a = sarifCategoryScope('image-scan', '{"image":"api","arch":"amd64"}');
    expect(a).toMatch(/^image-scan-[0-9a-f]{8}$/);
    expect(sarifCategoryScope('image-scan', '{"arch":"amd64","image":"api"}')).toBe(a);
    expect(sarifCategoryScope('image-scan', '{"image":"web","arch":"amd64"}')).not.toBe(a);
    expect(sarifCategoryScope('image-scan', '')).toBe('image-scan');
    expect(sarifCategoryScope('image-scan', 'null')).toBe('image-scan');
  });

  it('counts no runs in a log without any', () => {
    expect(scopeSarifCategories(JSON.stringify({ version: '2.1.0', runs: [] }), 'sast').runs).toBe(0);
  });
});
