/**
 * Markdown assembled under a hard size limit. Blocks (a heading with its paragraph, a mermaid chart)
 * go in whole or not at all; tables go in row by row, ending with a "… and N more" line when rows do
 * not fit. Sections are added most important first, so what a limit cuts is the least important.
 * Room for the closing notice is kept back from the start, so the limit holds whatever is added.
 */
export class MarkdownBudget {
  private readonly parts: string[] = [];
  private used = 0;
  private cut = false;
  private readonly reserve: number;

  constructor(
    private readonly limit: number,
    private readonly measure: (text: string) => number,
    private readonly cutNotice: string,
  ) {
    this.reserve = measure(`\n${cutNotice}\n`);
  }

  /** Adds a block followed by a blank line; false (and nothing added) when it does not fit. */
  block(text: string): boolean {
    const size = this.measure(`${text}\n\n`);
    if (this.used + size > this.limit - this.reserve) {
      this.cut = true;
      return false;
    }
    this.parts.push(`${text}\n\n`);
    this.used += size;
    return true;
  }

  /**
   * Adds a table: a heading line above it (kept only if at least one row fits), then rows while they
   * fit and `maxRows` allows, then `more(n)` for the n rows left out. `rows` is consumed lazily, so
   * callers can pass a generator over a large list.
   */
  table(heading: string, header: readonly string[], rows: Iterable<string[]>, total: number, maxRows: number, more: (left: number) => string): void {
    const head = `${heading ? `${heading}\n\n` : ''}| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`;
    // Room for the "more" line is kept back while rows go in.
    const moreReserve = this.measure(`${more(total)}\n\n`);
    let text = head;
    let size = this.measure(head);
    let shown = 0;
    if (this.used + size + moreReserve > this.limit - this.reserve) {
      this.cut = true;
      return;
    }
    for (const row of rows) {
      if (shown >= maxRows) break;
      const line = `| ${row.join(' | ')} |\n`;
      const lineSize = this.measure(line);
      if (this.used + size + lineSize + moreReserve > this.limit - this.reserve) {
        this.cut = true;
        break;
      }
      text += line;
      size += lineSize;
      shown += 1;
    }
    if (shown === 0) {
      // Not even one row: say how many there are instead of an empty table.
      if (heading) this.block(`${heading}\n\n${more(total)}`);
      return;
    }
    const left = total - shown;
    text += left > 0 ? `\n${more(left)}\n\n` : '\n';
    this.parts.push(text);
    this.used += this.measure(text);
  }

  get wasCut(): boolean {
    return this.cut;
  }

  toString(): string {
    const body = this.parts.join('').trimEnd();
    return this.cut ? `${body}\n\n${this.cutNotice}\n` : `${body}\n`;
  }
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
export const utf16Units = (text: string): number => text.length;
