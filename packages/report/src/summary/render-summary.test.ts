import type { Decision, Finding, FindingsDocument } from '@gatehouse/findings';
import { describe, expect, it } from 'vitest';
import { buildSarif } from '../sarif/build-sarif';
import { codeFinding, documentOf, emptyDecision, manyFindings, packageFinding } from '../test-support/findings-factory';
import { renderComment } from './render-comment';
import { renderSummary } from './render-summary';

const NOW = '2026-05-01T12:00:00.000Z';

function decision(verdict: Decision['verdict'], blocking: Finding[], extra: Partial<Decision> = {}): Decision {
  const base = emptyDecision(verdict);
  return {
    ...base,
    counts: { ...base.counts, blocking: blocking.length },
    blockingIds: blocking.map((f) => f.id),
    ...extra,
  };
}

function blockedDocument(): { doc: FindingsDocument; lodash: Finding; shell: Finding } {
  const lodash = packageFinding('lodash', {
    severity: 'critical',
    fix: { available: true, versions: ['4.17.21', '4.17.19', '3.10.2'], state: 'fixed' },
    slaDueAt: '2026-04-30T12:00:00.000Z',
    isNew: true,
  });
  const shell = codeFinding('shell', { slaDueAt: '2026-05-06T12:00:00.000Z' });
  const medium = codeFinding('md5', { ruleId: 'B303', severity: 'medium', slaDueAt: '2026-06-01T12:00:00.000Z' });
  const suppressed = codeFinding('old', {
    ruleId: 'B105',
    severity: 'low',
    status: 'suppressed',
    suppression: { kind: 'exception', reason: 'test data', owner: 'sec' },
  });
  const doc = documentOf([lodash, shell, medium, suppressed], {
    engines: [
      { id: 'npm-audit', status: 'ran', version: '10.8.2', findings: 1 },
      { id: 'bandit', status: 'ran', findings: 3 },
      { id: 'semgrep', status: 'not-run', reason: 'semgrep is not installed' },
    ],
    decision: decision('block', [lodash, shell], {
      reasons: [{ kind: 'block', code: 'severity-threshold', message: '2 findings at or above high block' }],
    }),
    generatedAt: NOW,
  });
  return { doc, lodash, shell };
}

describe('renderSummary', () => {
  it('puts the verdict on the first line', () => {
    const { doc } = blockedDocument();
    expect(renderSummary(doc).split('\n')[0]).toBe('## ⛔ Blocked: 2 findings block this change');
    expect(renderSummary({ ...doc, decision: decision('pass', []) }).split('\n')[0]).toBe('## ✅ Pass: nothing blocks this change');
    expect(renderSummary({ ...doc, decision: { ...decision('warn', []), warningIds: ['a'] } }).split('\n')[0]).toBe(
      '## ⚠️ Warn: 1 finding to look at, nothing blocks',
    );
  });

  it('says both when a run is blocked and incomplete', () => {
    const { doc, lodash } = blockedDocument();
    const both = {
      ...doc,
      engines: [...doc.engines, { id: 'trivy', status: 'incomplete' as const, reason: 'vulnerability database download failed' }],
      decision: decision('incomplete', [lodash]),
    };
    const first = renderSummary(both).split('\n')[0];
    expect(first).toBe('## ❗ Incomplete and ⛔ blocked: 1 engine did not finish and 1 finding blocks this change');
    expect(renderSummary({ ...both, decision: decision('incomplete', []) }).split('\n')[0]).toBe(
      '## ❗ Incomplete: 1 engine did not finish, so this result is not clean',
    );
    expect(renderSummary({ ...doc, decision: decision('incomplete', []) }).split('\n')[0]).toBe(
      '## ❗ Incomplete: the scan did not finish, so this result is not clean',
    );
  });

  it('counts open, suppressed and new findings per severity', () => {
    const summary = renderSummary(blockedDocument().doc);
    expect(summary).toContain('| 🔴 Critical | 1 | 0 | 1 |');
    expect(summary).toContain('| 🟠 High | 1 | 0 | 0 |');
    expect(summary).toContain('| 🟡 Medium | 1 | 0 | 0 |');
    expect(summary).toContain('| 🔵 Low | 0 | 1 | 0 |');
    expect(summary).toContain('| **Total** | **3** | **1** | **1** |');
  });

  it('charts open findings by engine and severity with mermaid', () => {
    const summary = renderSummary(blockedDocument().doc);
    const chart = /```mermaid\n([\s\S]*?)```/.exec(summary)?.[1];
    expect(chart?.split('\n').filter(Boolean)).toEqual(['sankey-beta', 'bandit,High,1', 'bandit,Medium,1', 'npm-audit,Critical,1']);
  });

  it('lists blocking findings with rule, location, severity, the smallest fixing version and the due date', () => {
    const summary = renderSummary(blockedDocument().doc);
    const rows = summary.split('\n').filter((l) => l.startsWith('| 🔴 Critical | CVE') || l.startsWith('| 🟠 High | B602'));
    expect(rows[0]).toBe(
      '| 🔴 Critical | CVE\\-2020\\-8203<br>Prototype Pollution in lodash | lodash@4\\.17\\.15 \\(package\\-lock\\.json\\) | upgrade to 4\\.17\\.19 (of 3) | 2026-04-30 12:00 UTC<br>🚨 overdue by 1d |',
    );
    expect(rows[1]).toContain('app/main\\.py:10');
    expect(rows[1]).toContain('due in 5d');
    expect(summary.indexOf('### Blocking findings (2)')).toBeGreaterThan(summary.indexOf('### Findings by severity'));
  });

  it('shows due dates with how many are overdue or due soon', () => {
    const summary = renderSummary(blockedDocument().doc);
    expect(summary).toContain('🚨 1 finding overdue · ⏳ 1 due within 7 days · 1 later');
  });

  it('lists engines that did not run or did not finish first, with reasons', () => {
    const { doc } = blockedDocument();
    const summary = renderSummary({ ...doc, engines: [...doc.engines, { id: 'trivy', status: 'incomplete', reason: 'timed out after 600s' }] });
    const engineRows = summary.split('\n').filter((l) => /^\| (trivy|semgrep|npm|bandit)/.test(l));
    expect(engineRows).toEqual([
      '| trivy | ❗ incomplete | — | timed out after 600s |',
      '| semgrep | ➖ not run | — | semgrep is not installed |',
      '| bandit | ✅ ran | 3 | — |',
      '| npm\\-audit 10\\.8\\.2 | ✅ ran | 1 | — |',
    ]);
  });

  it('says what was left out of code scanning and why', () => {
    const findings = manyFindings(300, 'semgrep', { criticalEvery: 10 });
    const doc = documentOf(findings);
    const { omitted } = buildSarif(doc, { limits: { resultsPerRun: 100 } });
    const summary = renderSummary(doc, { omitted });
    expect(summary).toContain('### Left out of code scanning');
    expect(summary).toContain('200 open findings are not in the code scanning upload (medium 20, low 60, info 60, unknown 60)');
    expect(summary).toContain("- semgrep: 200 over GitHub's 25,000 results per run");
    expect(summary).toContain('the most severe were kept');
  });

  it('explains findings of an unfinished engine left out of code scanning without talking of limits', () => {
    const doc = documentOf([codeFinding('a')], { engines: [{ id: 'bandit', status: 'incomplete', reason: 'crashed' }] });
    const summary = renderSummary(doc, { omitted: buildSarif(doc).omitted });
    expect(summary).toContain('1 open finding is not in the code scanning upload (high 1). They are in findings.json and still count for the gate.\n');
    expect(summary).toContain('- bandit: 1 engine did not finish');
    expect(summary).not.toContain('most severe were kept');
  });

  it('escapes notes and links the run only with an http(s) URL', () => {
    const { doc } = blockedDocument();
    const summary = renderSummary(doc, { notes: ['SARIF not uploaded: @org/team <b>fork</b>'], runUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(summary).toContain('- SARIF not uploaded: @\u200dorg/team &lt;b&gt;fork&lt;/b&gt;');
    expect(summary).toContain('[workflow run](https://github.com/o/r/actions/runs/1)');
    expect(renderSummary(doc, { runUrl: 'javascript:alert(1)' })).not.toMatch(/\]\(javascript/i);
  });

  it('shows a secret by its masked preview only', () => {
    const secret = codeFinding('key', {
      category: 'secret',
      ruleId: 'aws-access-token',
      title: 'AWS Access Key',
      message: 'AKIAIOSFODNN7EXAMPLE found',
      secret: { hash: 'b'.repeat(64), preview: 'AKIA…' },
      location: { kind: 'code', path: 'config/settings.py', startLine: 3 },
    });
    const doc = documentOf([secret], { decision: decision('block', [secret]) });
    for (const text of [renderSummary(doc), renderComment(doc)]) {
      expect(text).not.toContain('AKIAIOSFODNN7EXAMPLE');
      expect(text).toContain('config/settings\\.py:3 (AKIA…)');
    }
  });
});

describe('hostile scanner text', () => {
  const hostileTitle = `**bold** <script>alert(1)</script> <!-- gatehouse:comment --> @org/team #123 [x](javascript:alert(1)) a|b\n::error::pwned\n${'A'.repeat(100_000)}`;

  function hostileDocument(): FindingsDocument {
    const finding = codeFinding('hostile', {
      ruleId: '@org/team|rule\n::warning::x',
      title: hostileTitle,
      message: hostileTitle,
      location: { kind: 'code', path: 'app/x`y|z.py', startLine: 1 },
      fix: { available: false, versions: [], state: 'unknown', advice: hostileTitle },
      slaDueAt: '2026-05-02T00:00:00.000Z',
    });
    return documentOf([finding], {
      engines: [{ id: 'bandit', status: 'incomplete', reason: hostileTitle }],
      decision: decision('incomplete', [finding], { reasons: [{ kind: 'block', code: 'x', message: hostileTitle }] }),
      target: { name: hostileTitle, kind: 'directory' },
    });
  }

  it.each([
    ['summary', () => renderSummary(hostileDocument(), { notes: [hostileTitle] })],
    ['comment', () => renderComment(hostileDocument(), { notes: [hostileTitle] })],
  ])('renders it escaped and bounded in the %s', (_name, render) => {
    const text = render();
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/@org\/team/);
    expect(text).not.toMatch(/#123/);
    expect(text).not.toMatch(/\]\(javascript/i);
    expect(text).not.toContain('**bold**');
    expect(text.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
    expect(text.match(/<!-- gatehouse:comment -->/g)?.length ?? 0).toBeLessThanOrEqual(1);
    // Every table row keeps its column count: no pipe or newline from the input split a cell.
    for (const row of text.split('\n').filter((l) => l.startsWith('| '))) {
      const cells = row.replace(/\\\|/g, '').split('|').length;
      expect([4 + 2, 5 + 2, 6 + 2]).toContain(cells);
    }
    expect(text.length).toBeLessThan(30_000);
  });
});

describe('size bounds', () => {
  function hugeDocument(count: number): FindingsDocument {
    const findings = manyFindings(count, 'semgrep', { criticalEvery: 2 }).map((f, i) => ({
      ...f,
      title: `${'Very long title '.repeat(80)}${i}`,
      ruleId: `rule-${'x'.repeat(400)}-${i}`,
      slaDueAt: '2026-05-03T00:00:00.000Z',
    }));
    return documentOf(findings, { decision: decision('block', findings) });
  }

  it('keeps the summary under 1 MiB even when asked for every row of 100,000 blocking findings', () => {
    const summary = renderSummary(hugeDocument(100_000), { maxRows: 1_000_000 });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(1_000_000);
    expect(summary.split('\n')[0]).toBe('## ⛔ Blocked: 100,000 findings block this change');
    expect(summary).toContain('more blocking finding');
  });

  it('keeps the comment under 65,536 characters whatever the input, marker first', () => {
    const comment = renderComment(hugeDocument(20_000), { maxRows: 100_000, runUrl: 'https://github.com/o/r/actions/runs/1' });
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment.split('\n')[0]).toBe('<!-- gatehouse:comment -->');
    expect(comment.split('\n')[1]).toBe('### ⛔ Blocked: 20,000 findings block this change');
    expect(comment).toContain('more blocking finding');
  });

  it('cuts a summary at a section boundary and says so when the limit is tiny', () => {
    const summary = renderSummary(blockedDocumentForCut(), { maxBytes: 600 });
    expect(Buffer.byteLength(summary, 'utf8')).toBeLessThanOrEqual(600);
    expect(summary.split('\n')[0]).toMatch(/^## ⛔ Blocked/);
    expect(summary).toContain('cut to fit');
    expect((summary.match(/```/g) ?? []).length % 2).toBe(0);
  });
});

function blockedDocumentForCut(): FindingsDocument {
  const findings = manyFindings(50, 'bandit');
  return documentOf(findings, { decision: decision('block', findings) });
}
