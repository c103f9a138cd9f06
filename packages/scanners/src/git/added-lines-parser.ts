import { unquoteGitPath } from './c-quoted-path';

/** Marks the start of each commit in `git log` output: a NUL cannot start a diff line. */
export const COMMIT_MARKER = '\u0000gatehouse-commit\u0000';
/** `--format` that prints the marker, then id, author name, author e-mail and author date, NUL-separated. */
export const COMMIT_FORMAT = 'tformat:%x00gatehouse-commit%x00%H%x00%an%x00%ae%x00%aI';

export interface DiffCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 author date. */
  date: string;
}

export interface AddedLine {
  /** Undefined for a diff of the index (`git diff --cached`). */
  commit?: string;
  /** Repository-relative path in the new version of the file. */
  path: string;
  /** 1-based line number in the new version. */
  line: number;
  text: string;
}

export interface AddedLinesSink {
  commit(commit: DiffCommit): void;
  line(line: AddedLine): void;
}

const HUNK = /^(@{2,}) (?:-\d+(?:,\d+)? )+\+(\d+)(?:,\d+)? @{2,}/;

/**
 * Reads the text of `git log -p -U0 --cc` (or `git diff --cached -U0`) line by line and reports
 * every line the commit added, with its path and its line number in the new file. Lines removed
 * or kept are only counted. Merge commits come as combined diffs (`--cc`): a line counts as added
 * only when it is new against every parent (`++`), which is what an "evil merge" adds; lines taken
 * from one side were added, and scanned, in that side's own commit.
 */
export class AddedLinesParser {
  private commitSha: string | undefined;
  private path: string | undefined;
  private parents = 1;
  private inHunk = false;
  private newLine = 0;

  constructor(private readonly sink: AddedLinesSink) {}

  push(line: string): void {
    if (line.startsWith(COMMIT_MARKER)) {
      const [sha = '', authorName = '', authorEmail = '', date = ''] = line.slice(COMMIT_MARKER.length).split('\u0000');
      this.commitSha = sha;
      this.path = undefined;
      this.inHunk = false;
      this.sink.commit({ sha, authorName, authorEmail, date });
      return;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      this.path = undefined;
      this.inHunk = false;
      this.parents = line.startsWith('diff --git ') ? 1 : 2;
      return;
    }
    if (this.inHunk) {
      this.hunkLine(line);
      return;
    }
    if (line.startsWith('+++ ')) {
      this.path = newPathOf(line.slice(4));
      return;
    }
    const hunk = HUNK.exec(line);
    if (hunk) {
      this.parents = hunk[1]!.length - 1;
      this.newLine = Number(hunk[2]);
      this.inHunk = this.path !== undefined;
    }
  }

  private hunkLine(line: string): void {
    const hunk = HUNK.exec(line);
    if (hunk) {
      this.parents = hunk[1]!.length - 1;
      this.newLine = Number(hunk[2]);
      return;
    }
    const marks = line.slice(0, this.parents);
    if (marks.length < this.parents || /[^ +\-]/.test(marks)) {
      // "\ No newline at end of file", or the end of the hunks of this file.
      if (!line.startsWith('\\')) this.inHunk = false;
      return;
    }
    if (marks.includes('-')) return;
    const number = this.newLine++;
    if (marks === '+'.repeat(this.parents)) {
      this.sink.line({ ...(this.commitSha ? { commit: this.commitSha } : {}), path: this.path!, line: number, text: line.slice(this.parents) });
    }
  }
}

/** The path of a `+++ ` header: `b/<path>`, quoted when unusual, `/dev/null` for a deleted file. */
function newPathOf(raw: string): string | undefined {
  // git ends the name with a tab when it holds a space (for patch's sake).
  const text = raw.startsWith('"') ? unquoteGitPath(raw) : raw.replace(/\t$/, '');
  if (text === '/dev/null') return undefined;
  return text.startsWith('b/') ? text.slice(2) : text;
}
