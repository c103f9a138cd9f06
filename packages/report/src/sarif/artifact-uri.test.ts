import { describe, expect, it } from 'vitest';
import { pseudoUri, repoPathToUri } from './artifact-uri';

describe('repoPathToUri', () => {
  it('keeps plain repository paths as they are', () => {
    expect(repoPathToUri('src/app/main.py')).toBe('src/app/main.py');
    expect(repoPathToUri('.github/workflows/ci.yml')).toBe('.github/workflows/ci.yml');
  });

  it('percent-encodes each segment of other paths', () => {
    expect(repoPathToUri('my dir/a#b:c.py')).toBe('my%20dir/a%23b%3Ac.py');
    expect(repoPathToUri('src/ünï.py')).toBe('src/%C3%BCn%C3%AF.py');
    expect(repoPathToUri('./src//a.py')).toBe('src/a.py');
  });

  it('refuses absolute paths, backslashes and parent segments', () => {
    expect(repoPathToUri('/etc/passwd')).toBeUndefined();
    expect(repoPathToUri('a/../b')).toBeUndefined();
    expect(repoPathToUri('..')).toBeUndefined();
    expect(repoPathToUri('a\\b')).toBeUndefined();
  });
});

describe('pseudoUri', () => {
  it('builds stable paths under .gatehouse without parent segments', () => {
    expect(pseudoUri('images', 'docker.io/library/alpine')).toBe('.gatehouse/images/docker.io/library/alpine');
    expect(pseudoUri('packages', 'npm', '@scope/../name')).toBe('.gatehouse/packages/npm/%40scope/name');
    expect(pseudoUri('images', 'localhost:5000/app')).toBe('.gatehouse/images/localhost%3A5000/app');
  });
});
