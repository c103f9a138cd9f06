import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddedLinesParser, COMMIT_MARKER, type AddedLine, type DiffCommit } from './added-lines-parser';
import { writeAddedLines } from './added-lines';
import { unquoteGitPath } from './c-quoted-path';
import { TestRepo } from './test-support/git-repo';

function parse(text: string) {
  const lines: AddedLine[] = [];
  const commits: DiffCommit[] = [];
  const parser = new AddedLinesParser({ commit: (c) => commits.push(c), line: (l) => lines.push(l) });
  for (const line of text.split('\n')) parser.push(line);
  return { lines, commits };
}

async function addedLines(repo: TestRepo, source: Parameters<typeof writeAddedLines>[1]) {
  const workDir = mkdtempSync(join(tmpdir(), 'gh-added-'));
  const out = join(workDir, 'added.jsonl');
  const stats = await writeAddedLines(repo.dir, source, out, { workDir });
  const records = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return { stats, records, files: records.filter((r) => r.type === 'file') };
}

describe('reading added lines from a unified diff', () => {
  it('numbers added lines as in the new file and ignores removed ones', () => {
    const { lines, commits } = parse(
      [
        `${COMMIT_MARKER}abc123\u0000Dana\u0000dana@example.test\u00002024-01-01T00:00:00Z`,
        'diff --git a/app.env b/app.env',
        'index 1..2 100644',
        '--- a/app.env',
        '+++ b/app.env',
        '@@ -2 +2,2 @@',
        '-OLD=1',
        '+NEW=2',
        '+MORE=3',
        '@@ -10,0 +12 @@',
        '++++ a line that starts with +++',
        '\\ No newline at end of file',
      ].join('\n'),
    );
    expect(commits).toEqual([{ sha: 'abc123', authorName: 'Dana', authorEmail: 'dana@example.test', date: '2024-01-01T00:00:00Z' }]);
    expect(lines).toEqual([
      { commit: 'abc123', path: 'app.env', line: 2, text: 'NEW=2' },
      { commit: 'abc123', path: 'app.env', line: 3, text: 'MORE=3' },
      { commit: 'abc123', path: 'app.env', line: 12, text: '+++ a line that starts with +++' },
    ]);
  });

  it('takes only the lines a merge added against every parent (--cc)', () => {
    const { lines } = parse(['diff --cc merged.txt', '--- a/merged.txt', '+++ b/merged.txt', '@@@ -1,1 -1,1 +1,3 @@@', '- from one side', ' +from the other side', '++evil line', '  kept'].join('\n'));
    expect(lines).toEqual([{ path: 'merged.txt', line: 2, text: 'evil line' }]);
  });

  it('skips deleted files and reads quoted and spaced paths', () => {
    const { lines } = parse(
      ['diff --git a/gone b/gone', '--- a/gone', '+++ /dev/null', '@@ -1 +0,0 @@', '-x', 'diff --git "a/t\\303\\251st\\"q" "b/t\\303\\251st\\"q"', '+++ "b/t\\303\\251st\\"q"', '@@ -0,0 +1 @@', '+y', 'diff --git a/with space b/with space', '+++ b/with space\t', '@@ -0,0 +1 @@', '+z'].join('\n'),
    );
    expect(lines.map((l) => [l.path, l.text])).toEqual([
      ['tést"q', 'y'],
      ['with space', 'z'],
    ]);
  });

  it('unquotes C-quoted paths (octal bytes are UTF-8)', () => {
    expect(unquoteGitPath('"a\\tb\\\\c\\"d\\303\\251"')).toBe('a\tb\\c"dé');
    expect(unquoteGitPath('plain/path.txt')).toBe('plain/path.txt');
  });
});

describe('added lines of a real repository', () => {
  it('writes each file of each commit with its commit and author, in order', async () => {
    const repo = TestRepo.create();
    const first = repo.commit('first', { 'a.txt': 'one\ntwo\n' });
    const second = repo.commit('second', { 'a.txt': 'one\nTWO\nthree\n', 'dir/b.txt': 'bee\n' });
    const { stats, records, files } = await addedLines(repo, { kind: 'range', revisionArgs: [`${first}..${second}`] });
    expect(stats).toEqual({ commits: 1, files: 2, lines: 3 });
    expect(records[0]).toMatchObject({ type: 'commit', sha: second, author: 'Dana Developer', email: 'dana@example.test' });
    expect(files).toEqual([
      { type: 'file', commit: second, path: 'a.txt', lines: [[2, 'TWO'], [3, 'three']] },
      { type: 'file', commit: second, path: 'dir/b.txt', lines: [[1, 'bee']] },
    ]);
  });

  it('sees what an evil merge adds, and not what the merged branch brought', async () => {
    const repo = TestRepo.create();
    repo.commit('base', { 'f.txt': 'a\nb\n' });
    repo.git('checkout', '--quiet', '-b', 'side');
    repo.commit('side', { 'side.txt': 'side line\n' });
    repo.git('checkout', '--quiet', 'main');
    repo.commit('main', { 'main.txt': 'main line\n' });
    repo.git('merge', '--quiet', '--no-commit', 'side');
    repo.write('side.txt', 'side line\nsmuggled in the merge\n');
    repo.git('add', '--all');
    const merge = repo.commit('merge');
    const mainTip = repo.git('rev-parse', `${merge}^1`);
    const { files } = await addedLines(repo, { kind: 'range', revisionArgs: [`${mainTip}..${merge}`] });
    // The side branch's own commit added line 1; the merge itself added only line 2.
    expect(files.filter((f) => f.commit === merge)).toEqual([{ type: 'file', commit: merge, path: 'side.txt', lines: [[2, 'smuggled in the merge']] }]);
    expect(files.filter((f) => f.commit !== merge)).toEqual([{ type: 'file', commit: expect.any(String), path: 'side.txt', lines: [[1, 'side line']] }]);
  });

  it('reads the staged changes (git diff --cached) without a commit', async () => {
    const repo = TestRepo.create();
    repo.commit('first', { 'a.txt': 'one\n' });
    repo.write('a.txt', 'one\nstaged\n');
    repo.git('add', 'a.txt');
    repo.write('a.txt', 'one\nstaged\nnot staged\n');
    const { files } = await addedLines(repo, { kind: 'staged' });
    expect(files).toEqual([{ type: 'file', path: 'a.txt', lines: [[2, 'staged']] }]);
  });

  it('skips binary files and keeps paths with spaces and non-ASCII characters', async () => {
    const repo = TestRepo.create();
    const first = repo.commit('first', { 'x.txt': 'x\n' });
    repo.write('data.bin', '\u0000\u0001binary');
    const second = repo.commit('second', { 'dir with space/naïve file.env': 'KEY=value\n' });
    const { files } = await addedLines(repo, { kind: 'range', revisionArgs: [`${first}..${second}`] });
    expect(files.map((f) => f.path)).toEqual(['dir with space/naïve file.env']);
  });

  it('refuses a range that is not made of commit ids', async () => {
    const repo = TestRepo.create();
    repo.commit('first', { 'x.txt': 'x\n' });
    await expect(addedLines(repo, { kind: 'range', revisionArgs: ['--output=/tmp/x'] })).rejects.toThrow(/unsafe git revision argument/);
  });
});
