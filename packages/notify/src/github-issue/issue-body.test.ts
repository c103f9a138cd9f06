import { describe, expect, it } from 'vitest';
import { createNotification } from '../notification';
import { sampleNotification } from '../test-support';
import { GITHUB_ISSUE_LIMITS, issueMarker, renderIssueBody, renderIssueTitle } from './issue-body';

const WJ = '\u2060';

describe('renderIssueBody', () => {
  it('renders the override as GitHub Markdown with the dedupe marker, context table and findings table', () => {
    const body = renderIssueBody(sampleNotification(), { dedupeKey: 'override:override-2026-03-01-1' });
    const lines = body.split('\n');
    expect(lines[0]).toBe('<!-- gatehouse:notification:override:override-2026-03-01-1 -->');
    expect(lines[1]).toBe('### Security override\\: Deploy to production despite blocking findings');
    expect(body).toContain('**Reason**\n\n> Hotfix for the checkout outage; the lodash upgrade follows in SEC\\-42\\.');
    expect(body).toContain('| **Who** | octocat |');
    expect(body).toContain('| **Environment** | production |');
    expect(body).toContain('| **Run** | [View the run](https://github.com/acme/shop/actions/runs/42) |');
    expect(body).toContain('| **Ticket** | [SEC\\-42](https://tracker.example.com/SEC-42) |');
    expect(body).toContain('#### Findings (2 listed)');
    expect(body).toContain('| CRITICAL | aws\\-access\\-token | AWS access key (secret AKIA…, masked) | config/settings\\.py\\:12 |');
    expect(body).toContain('| HIGH | CVE\\-2020\\-8203 | Prototype pollution in lodash | pkg\\:npm/lodash@' + WJ + '4\\.17\\.15 \\(package\\-lock\\.json\\) | upgrade to 4\\.17\\.19 |');
  });

  it('leaves no HTML, mention, reference, foreign link or broken table in a body built from hostile strings', () => {
    const hostile = '<script>x</script> @octocat @acme/security #1 acme/shop#2 [link](https://evil.example) ![img](https://evil.example/p.png) a|b <!-- x -->';
    const body = renderIssueBody(
      sampleNotification({
        title: hostile,
        summary: `${hostile}\n\n${hostile}`,
        actor: { login: hostile },
        target: { repository: hostile, ref: hostile, environment: hostile, runUrl: 'https://github.com/acme/shop/actions/runs/42' },
        findings: [{ id: 'x', severity: 'high', category: 'sast', ruleId: hostile, title: hostile, location: hostile, fix: hostile }],
      }),
    );
    expect(body).not.toMatch(/<script|<!-- x|<img/);
    expect(body).not.toMatch(/@(octocat|acme)/);
    expect(body).not.toMatch(/(^|[^\\])#\d/m);
    expect(body).not.toMatch(/[^\\]\]\(https:\/\/evil/);
    const links = body.match(/\]\(https:[^)]*\)/g);
    expect(links).toEqual(['](https://tracker.example.com/SEC-42)', '](https://github.com/acme/shop/actions/runs/42)']);
    for (const row of body.split('\n').filter((l) => l.startsWith('| HIGH'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    }
  });

  it('stays under GitHub’s body limit and says how many findings it left out', () => {
    const long = '|<>&*_'.repeat(400);
    const n = createNotification({
      kind: 'sla-breach',
      title: long,
      actor: { login: 'bot' },
      target: { repository: 'acme/shop' },
      findings: Array.from({ length: 300 }, (_, i) => ({ id: `f${i}`, severity: 'high' as const, category: 'sca' as const, ruleId: long, title: long, location: long, fix: long })),
      findingsOmitted: 1_000,
    });
    const body = renderIssueBody(n);
    expect(body.length).toBeLessThanOrEqual(GITHUB_ISSUE_LIMITS.bodyBudget);
    const listed = body.split('\n').filter((l) => l.startsWith('| HIGH')).length;
    expect(listed).toBeGreaterThan(0);
    expect(body).toContain(`#### Findings (${listed} listed, ${300 + 1_000 - listed} more not listed: see the run summary)`);
  });

  it('keeps the marker a comment whatever the key holds', () => {
    const marker = issueMarker('x --> <script>');
    expect(marker).toMatch(/^<!-- gatehouse:notification:[A-Za-z0-9._:-]+ -->$/);
    expect(marker.slice(4, -3)).not.toMatch(/[<>]/);
  });
});

describe('renderIssueTitle', () => {
  it('is one plain line within 256 characters without mentions', () => {
    const title = renderIssueTitle(sampleNotification({ title: `@admins\r\nplease ${'x'.repeat(400)}` }));
    expect(title.length).toBeLessThanOrEqual(GITHUB_ISSUE_LIMITS.title);
    expect(title).toMatch(/^Security override: @\u2060admins please x+… \(acme\/shop\)$/);
  });
});
