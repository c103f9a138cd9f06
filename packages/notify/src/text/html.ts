import { cleanLine, cleanMultiline, fitText } from './plain-text';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML text or attribute value: cleaned, bounded (before escaping, so no entity is cut), escaped. */
export function escapeHtml(text: string, max: number, options: { multiline?: boolean } = {}): string {
  const clean = options.multiline ? cleanMultiline(text) : cleanLine(text);
  const escaped = fitText(clean, max).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
  return options.multiline ? escaped.replace(/\n/g, '<br>\n') : escaped;
}

/** An href only for an https URL (already validated upstream); anything else yields no link at all. */
export function htmlHref(url: string | undefined): string | undefined {
  if (!url || !/^https:\/\//i.test(url)) return undefined;
  return url.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
