/**
 * JSON for the body of a `<script type="application/json">` element. `<`, `>` and `&` are written as
 * \u escapes so no string can close the element (`</script>`) or open a comment (`<!--`), and U+2028/
 * U+2029 are escaped so the text stays valid JavaScript for any tool that evaluates it. JSON.parse
 * reads the escapes back to the same strings.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const REPORT_DATA_ELEMENT_ID = 'gatehouse-data';

/** The data a report embeds, read back from its HTML (for tests and for tools that check a report). */
export function readEmbeddedJson(html: string, elementId: string = REPORT_DATA_ELEMENT_ID): unknown {
  const opening = `<script type="application/json" id="${elementId}">`;
  const start = html.indexOf(opening);
  if (start < 0) throw new Error(`no <script type="application/json" id="${elementId}"> element in the report`);
  const bodyStart = start + opening.length;
  const end = html.indexOf('</script>', bodyStart);
  if (end < 0) throw new Error(`the ${elementId} element is not closed`);
  return JSON.parse(html.slice(bodyStart, end));
}
