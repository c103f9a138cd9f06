import { ConfigurationError } from '@gatehouse/findings';

const KEY = /^[A-Za-z0-9:._/@+-]{1,200}$/;

/**
 * A stable key naming what an issue is about ("remediation/CVE-2024-1234/pkg:npm/lodash",
 * "override/9876543210"), stored in the issue body as a hidden marker so the next run finds the
 * same issue. Keys are data we make, not user text: letters, digits and `: . _ / @ + -`, without
 * "--" (which would end the HTML comment).
 */
export function checkIssueKey(key: string): string {
  if (!KEY.test(key) || key.includes('--')) {
    throw new ConfigurationError(`issue key ${JSON.stringify(key).slice(0, 220)} must be 1 to 200 letters, digits or ": . _ / @ + -", without "--"`);
  }
  return key;
}

/** The hidden marker of the issue for `key`. */
export function issueMarker(key: string): string {
  return `<!-- gatehouse:issue:${checkIssueKey(key)} -->`;
}

const MARKER_IN_BODY = /<!-- gatehouse:issue:([A-Za-z0-9:._/@+-]{1,200}) -->/;

/** The key of a body's marker, if it has one. */
export function issueKeyOf(body: string | null | undefined): string | undefined {
  const key = body ? MARKER_IN_BODY.exec(body)?.[1] : undefined;
  return key && !key.includes('--') ? key : undefined;
}
