/**
 * Go's text/tabwriter, as kubectl uses it: cells are tab-terminated, the last cell of a line is not
 * part of any column, columns are aligned per *column block* (consecutive lines that have a cell in
 * that column), and a line without any tab flushes the writer (so it ends every block above it).
 *
 * `rememberWidths` mirrors the github.com/liggitt/tabwriter fork kubectl's table printer uses: column
 * widths only grow across flushes.
 *
 * kubectl get tables: minwidth 6, padding 3 (`printers.GetNewTabWriter`); kubectl describe: minwidth 0,
 * padding 2 (`describe.tabbedString`).
 */
export interface TabWriterOptions {
  minWidth: number;
  padding: number;
  rememberWidths?: boolean;
}

interface Cell {
  text: string;
  width: number;
}

function runeWidth(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export class TabWriter {
  private out = '';
  private lines: Cell[][] = [[]];
  private cell = '';
  private widths: number[] = [];
  private maxWidths: number[] = [];

  constructor(private readonly opts: TabWriterOptions) {}

  write(text: string): void {
    for (const ch of text) {
      if (ch === '\t') {
        this.terminateCell();
      } else if (ch === '\n') {
        const ncells = this.terminateCell();
        this.lines.push([]);
        if (ncells === 1) this.flushInternal();
      } else {
        this.cell += ch;
      }
    }
  }

  /** Writes a line: cells joined by tabs, ending in a newline. */
  row(...cells: string[]): void {
    this.write(cells.join('\t') + '\n');
  }

  private terminateCell(): number {
    const line = this.lines[this.lines.length - 1];
    line.push({ text: this.cell, width: runeWidth(this.cell) });
    this.cell = '';
    return line.length;
  }

  flush(): string {
    this.flushInternal();
    const s = this.out;
    this.out = '';
    return s;
  }

  /** Formats the buffered lines (ending every column block), keeping the output for flush(). */
  sync(): void {
    this.flushInternal();
  }

  resetRememberedWidths(): void {
    this.maxWidths = [];
  }

  private flushInternal(): void {
    if (this.cell.length > 0) this.terminateCell();
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      let line = this.lines[cur];
      if (column >= line.length - 1) continue;
      this.writeLines(line0, cur);
      line0 = cur;
      let width = this.opts.minWidth;
      for (; cur < line1; cur++) {
        line = this.lines[cur];
        if (column >= line.length - 1) break;
        const w = line[column].width + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) {
        const i = this.widths.length;
        if (this.maxWidths.length < i) this.maxWidths.push(...this.widths.slice(this.maxWidths.length));
        if (this.maxWidths.length === i) this.maxWidths.push(width);
        else if (this.maxWidths[i] > width) width = this.maxWidths[i];
        else this.maxWidths[i] = width;
      }
      this.widths.push(width);
      this.format(line0, cur);
      this.widths.pop();
      line0 = cur;
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i];
      for (let j = 0; j < line.length; j++) {
        const c = line[j];
        this.out += c.text;
        if (j < this.widths.length) this.out += ' '.repeat(Math.max(0, this.widths[j] - c.width));
      }
      if (i + 1 === this.lines.length) {
        // the last buffered line has no newline yet
      } else {
        this.out += '\n';
      }
    }
  }
}

/** Formats text with tabs in one go. */
export function tabify(text: string, opts: TabWriterOptions): string {
  const w = new TabWriter(opts);
  w.write(text);
  return w.flush();
}
