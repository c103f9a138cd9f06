/**
 * Slack Block Kit limits for messages (docs.slack.dev/reference/block-kit): 50 blocks per message,
 * header text 150 characters (plain_text), section text 3000, at most 10 section fields of 2000 each,
 * at most 10 context elements. Slack also rejects messages whose blocks hold about 13,000 characters in
 * total (`msg_blocks_too_long`, slackapi/bolt-js#2509) although no page documents it, so the total is
 * kept well below. The top-level `text` is what notifications and screen readers show; Slack
 * truncates it at 40,000 characters, we keep it short.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  headerText: 150,
  sectionText: 3_000,
  fieldsPerSection: 10,
  fieldText: 2_000,
  contextElements: 10,
  totalBlockText: 12_000,
  fallbackText: 3_000,
  /** Our own choice: more than this many findings is unreadable in chat; the run link has the rest. */
  findingsShown: 20,
} as const;
