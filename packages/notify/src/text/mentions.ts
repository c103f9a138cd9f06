/**
 * Chat and issue trackers turn `@name`, `@channel` and `#123` into notifications and cross-links. A
 * WORD JOINER (U+2060, invisible, zero width) after the sigil keeps the text readable while no
 * mention or reference parser matches it any more.
 */
const WORD_JOINER = '\u2060';

export function neutralizeMentions(text: string): string {
  return text.replace(/@/g, `@${WORD_JOINER}`);
}

export function neutralizeReferences(text: string): string {
  return text.replace(/#/g, `#${WORD_JOINER}`);
}
