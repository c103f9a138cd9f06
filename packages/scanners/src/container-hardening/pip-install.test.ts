import { describe, expect, it } from 'vitest';
import { displayRequirement } from './dockerfile-rules';
import { isPinnedRequirement, pipInstallsIn, pipInstallsInArgv } from './pip-install';
import { shellCommands } from './shell-words';

describe('reading pip install commands from RUN instructions', () => {
  it.each([
    ['pip install flask gunicorn', [['flask', 'gunicorn']]],
    ['pip install -r /srv/api/requirements.txt', [[]]],
    ['pip install --no-cache-dir "flask==2.3.3" gunicorn===21.2.0', [[]]],
    ['pip install flask>=2', [['flask']]],
    ["pip install 'flask~=2.0' flask==2.*", [['flask~=2.0', 'flask==2.*']]],
    ['apt-get update && python3 -m pip install --upgrade pip', [['pip']]],
    ['pip3.12 install -e . ./lib /tmp/app-1.0-py3-none-any.whl', [[]]],
    ['pip install git+https://github.com/org/repo.git@v1.2#egg=x git+https://github.com/org/other.git', [['git+https://github.com/org/other.git']]],
    ['pip install --require-hashes -r req.txt', [[]]],
    ['pip install -c constraints.txt flask', [[]]],
    ['pip install "flask[async]==2.0; python_version>\'3\'"', [[]]],
    ['pip install $PACKAGES', [[]]],
    ['pip --index-url https://pypi.example.com/simple install flask==1.1', [[]]],
    ['PIP_NO_CACHE_DIR=1 sudo pip install requests', [['requests']]],
    ['uv pip install requests', [['requests']]],
    ['echo pip install x; pipx install black', []],
    ['set -eux; \\\n  pip install a==1 \\\n    b 2>/dev/null # pip install c\npip install d', [['b'], ['d']]],
  ])('%s', (script, expected) => {
    expect(pipInstallsIn(script).map((i) => i.unpinned)).toEqual(expected);
  });

  it('reads an exec-form RUN as one command without a shell', () => {
    expect(pipInstallsInArgv(['pip', 'install', 'flask', '--no-deps'])).toEqual([{ unpinned: ['flask'] }]);
    expect(pipInstallsInArgv(['sh', '-c', 'pip install flask'])).toEqual([]);
  });

  it.each([
    ['flask==2.3.3', true],
    ['Flask_Login===0.6', true],
    ['flask', false],
    ['flask>=2', false],
    ['flask==2.*', false],
    ['https://files.example.com/pkg-1.0.tar.gz', true],
    ['git+https://example.com/repo.git@3f2a1c', true],
    ['git+ssh://git@example.com/repo.git', false],
  ])('%s is pinned: %s', (token, pinned) => {
    expect(isPinnedRequirement(token)).toBe(pinned);
  });
});

describe('showing a requirement in a message', () => {
  it('masks credentials in a URL', () => {
    expect(displayRequirement('git+https://deploy:s3cr3t-token@git.example.com/org/repo.git')).toBe('git+https://***@git.example.com/org/repo.git');
    expect(displayRequirement('flask>=2')).toBe('flask>=2');
  });
});

describe('splitting shell command lines', () => {
  it('removes quotes and escapes, splits at operators, drops redirections and comments', () => {
    expect(shellCommands("a 'b c' \"d \\\"e\" f\\ g >out h 2>&1 i|j&&k #x\nl;m || n")).toEqual([['a', 'b c', 'd "e', 'f g', 'h', 'i'], ['j'], ['k'], ['l'], ['m'], ['n']]);
  });

  it('treats # inside a word as part of it, as sh does', () => {
    expect(shellCommands('pip install pkg#egg=x other # comment')).toEqual([['pip', 'install', 'pkg#egg=x', 'other']]);
  });

  it('joins continued lines', () => {
    expect(shellCommands('pip install \\\n  flask')).toEqual([['pip', 'install', 'flask']]);
  });
});
