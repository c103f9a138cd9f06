import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A real git repository in a temporary directory, for tests of the range logic. Dates are fixed
 * and increasing, so commit ids do not depend on when the test runs.
 */
export class TestRepo {
  private clock = 1_700_000_000;

  constructor(readonly dir: string) {}

  static create(prefix = 'gh-git-'): TestRepo {
    const repo = new TestRepo(mkdtempSync(join(tmpdir(), prefix)));
    repo.git('init', '--quiet', '--initial-branch=main');
    repo.git('config', 'user.name', 'Dana Developer');
    repo.git('config', 'user.email', 'dana@example.test');
    repo.git('config', 'commit.gpgsign', 'false');
    // What GitHub allows: fetching any commit by id (the range logic fetches base and head by id).
    repo.git('config', 'uploadpack.allowAnySHA1InWant', 'true');
    return repo;
  }

  git(...args: string[]): string {
    const date = `@${this.clock} +0000`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }).trim();
  }

  write(path: string, content: string): void {
    const full = join(this.dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }

  /** Writes the files, stages everything and commits; returns the new commit id. */
  commit(message: string, files: Record<string, string> = {}): string {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
    this.clock += 60;
    this.git('add', '--all');
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this.git('rev-parse', 'HEAD');
  }

  head(): string {
    return this.git('rev-parse', 'HEAD');
  }

  /** A clone (`git clone <args> file://…`) in a new temporary directory. */
  clone(...args: string[]): TestRepo {
    const target = mkdtempSync(join(tmpdir(), 'gh-git-clone-'));
    execFileSync('git', ['clone', '--quiet', ...args, `file://${this.dir}`, target], { stdio: ['ignore', 'pipe', 'pipe'] });
    const clone = new TestRepo(target);
    clone.git('config', 'user.name', 'Dana Developer');
    clone.git('config', 'user.email', 'dana@example.test');
    return clone;
  }
}
