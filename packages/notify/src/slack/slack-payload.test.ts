import { describe, expect, it } from 'vitest';
import { createNotification } from '../notification';
import type { NotificationFinding } from '../notification-finding';
import { sampleNotification } from '../test-support';
import { SLACK_LIMITS } from './slack-limits';
import { renderSlackPayload, type SlackBlock } from './slack-payload';

function texts(block: SlackBlock): string[] {
  if (block.type === 'header') return [block.text.text];
  if (block.type === 'section') return [...(block.text ? [block.text.text] : []), ...(block.fields ?? []).map((f) => f.text)];
  if (block.type === 'context') return block.elements.map((e) => e.text);
  return [];
}

describe('renderSlackPayload', () => {
  it('says who overrode what, where, with which findings, until when, and links the run', () => {
    const payload = renderSlackPayload(sampleNotification(), { channel: '#ops-alerts' });
    expect(payload.channel).toBe('#ops-alerts');
    expect(payload.text).toBe('Security override: Deploy to production despite blocking findings in acme/shop (production) by octocat');
    expect(payload.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Security override: Deploy to production despite blocking findings', emoji: false } });
    const all = payload.blocks.flatMap(texts).join('\n');
    expect(all).toContain('*Reason*\nHotfix for the checkout outage');
    expect(all).toContain('*Who*\noctocat');
    expect(all).toContain('*Expires*\n2026-03-02T12:00:00.000Z');
    expect(all).toContain('*Ticket*\n<https://tracker.example.com/SEC-42|SEC-42>');
    expect(all).toContain('*Run*\n<https://github.com/acme/shop/actions/runs/42|View the run>');
    expect(all).toContain('*CRITICAL* aws-access-token');
    expect(all).toContain('Secret: AKIA… (masked)');
    expect(all).toContain('Findings: CRITICAL 1 · HIGH 1');
    // Critical first.
    expect(all.indexOf('aws-access-token')).toBeLessThan(all.indexOf('CVE-2020-8203'));
  });

  it('turns off auto-parsing on every mrkdwn text and unfurling on the message', () => {
    const payload = renderSlackPayload(sampleNotification());
    const mrkdwn = payload.blocks.flatMap((b) => (b.type === 'section' ? [...(b.text ? [b.text] : []), ...(b.fields ?? [])] : b.type === 'context' ? b.elements : []));
    expect(mrkdwn.length).toBeGreaterThan(5);
    expect(mrkdwn.every((t) => t.type === 'mrkdwn' && t.verbatim === true)).toBe(true);
    expect(payload).toMatchObject({ unfurl_links: false, unfurl_media: false });
  });

  it('leaves no mention or foreign link in a message built from hostile strings', () => {
    const hostile = '<!channel> <!here|here> <@U024BE7LH> <!subteam^S1> <https://evil.example|login> @here';
    const n = sampleNotification({
      title: hostile,
      summary: hostile,
      actor: { login: hostile },
      target: { repository: hostile, ref: hostile, environment: hostile, runUrl: 'https://github.com/acme/shop/actions/runs/42' },
      findings: [{ id: 'x', severity: 'high', category: 'sast', ruleId: hostile, title: hostile, location: hostile, fix: hostile }],
    });
    const json = JSON.stringify(renderSlackPayload(n));
    expect(json).not.toMatch(/<[!@#]/);
    expect(json.match(/<https?:/g)).toEqual(['<https:', '<https:']); // the ticket and run links we made
    expect(json).not.toMatch(/@here/);
  });

  it('stays within every Slack limit however many and however long the findings are', () => {
    const long = '<&>'.repeat(2_000);
    const findings: NotificationFinding[] = Array.from({ length: 500 }, (_, i) => ({
      id: `f${i}`,
      severity: 'critical',
      category: 'sast',
      ruleId: long,
      title: long,
      location: long,
      fix: long,
      secretPreview: 'abcd…',
    }));
    const n = createNotification({
      kind: 'incident',
      title: long,
      summary: long,
      actor: { login: long },
      target: { repository: long, ref: long, environment: long, workflow: long, runUrl: `https://github.com/${'a'.repeat(1_900)}` },
      ticket: { id: long, url: `https://t.example/${'b'.repeat(1_900)}` },
      findings,
      findingsOmitted: 10_000,
    });
    const payload = renderSlackPayload(n);
    expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(payload.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    let total = 0;
    for (const block of payload.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section') {
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fieldsPerSection);
        for (const f of block.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
      if (block.type === 'context') expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      total += texts(block).reduce((sum, t) => sum + t.length, 0);
    }
    expect(total).toBeLessThanOrEqual(SLACK_LIMITS.totalBlockText);
    const shown = payload.blocks.filter((b) => b.type === 'section' && b.text?.text.startsWith('*CRITICAL*')).length;
    expect(shown).toBeGreaterThan(0);
    const more = payload.blocks.flatMap(texts).find((t) => t.includes('more finding(s) not shown'));
    expect(more).toBe(`${500 + 10_000 - shown} more finding(s) not shown here: see the run summary.`);
  });

  it('sends no findings section when there are no findings', () => {
    const payload = renderSlackPayload(sampleNotification({ findings: [], severityCounts: undefined }));
    expect(payload.blocks.some((b) => b.type === 'divider')).toBe(false);
    expect(payload.blocks.flatMap(texts).join()).not.toContain('more finding');
  });
});
