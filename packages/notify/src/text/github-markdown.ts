import { neutralizeMentions, neutralizeReferences } from './mentions';
import { cleanLine, fitEscaped } from './plain-text';

// ASCII punctuation CommonMark/GFM give meaning to: emphasis, code, links, images, tables, headings,
// lists, strikethrough, autolinks (`:` in `https://`, `.` in `www.`). Each is backslash-escaped.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~:]/g;

/**
 * One line of untrusted text for GitHub-flavoured Markdown (issue bodies, job summaries): no HTML
 * (`<`, `>` and `&` become entities), no formatting, links, images or table breaks (punctuation is
 * escaped), no @-mentions and no #-references (a word joiner follows each sigil).
 */
export function escapeGitHubMarkdown(text: string, max: number): string {
  const escaped = neutralizeReferences(
    neutralizeMentions(
      cleanLine(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`),
    ),
  );
  return fitEscaped(escaped, max);
}

/** A Markdown link only for an https URL; parentheses and spaces are percent-encoded so they cannot end it. */
export function gitHubLink(url: string | undefined, label: string): string | undefined {
  if (!url || !/^https:\/\//i.test(url)) return undefined;
  const safeUrl = url.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeGitHubMarkdown(label, 200)}](${safeUrl})`;
}
