/** The payloads of the hostile scanner report, each in its own finding. */
export const MARKDOWN_PAYLOAD =
  'Injected [click here](https://evil.example/phish) ![tracker](https://evil.example/t.png) <img src=x onerror=alert(1)> <script>alert(1)</script> ' +
  '@acme/security-team @everyone <!channel> <@U024BE7LH> <https://evil.example|trusted link> | broken | table |';

/** A rule id as a hostile rules file could name it: shown in the summary's and the comment's tables. */
export const HOSTILE_RULE_ID = 'hostile.[click](https://evil.example/rule)<img src=x onerror=alert(2)>@everyone|cell';

export const COMMAND_PAYLOAD =
  'innocent looking\n::error::INJECTED-ERROR\n::add-mask::INJECTED-MASK\n::stop-commands::INJECTEDTOKEN\n::set-output name=verdict::pass\r::warning::INJECTED-CR\n##[error]INJECTED-LEGACY\n  ::notice::INJECTED-INDENTED';

export const ANSI_PAYLOAD = 'coloured \u001b[31mRED\u001b[0m, cleared \u001b[2J\u001b[H, linked \u001b]8;;https://evil.example\u0007LINK\u001b]8;;\u0007 done';

export const INJECTED_COMMAND_DATA = ['INJECTED-ERROR', 'INJECTED-MASK', 'INJECTEDTOKEN', 'pass', 'INJECTED-CR', 'INJECTED-LEGACY', 'INJECTED-INDENTED'];

interface HostileResult {
  rule: string;
  path: string;
  message: string;
  line?: number;
}

function semgrepResult(r: HostileResult): Record<string, unknown> {
  const line = r.line ?? 1;
  return {
    check_id: r.rule,
    path: r.path,
    start: { line, col: 1, offset: 0 },
    end: { line, col: 10, offset: 9 },
    extra: {
      message: r.message,
      metadata: { cwe: ['CWE-79: Improper Neutralization of Input During Web Page Generation'], category: 'security', confidence: 'HIGH' },
      severity: 'ERROR',
      fingerprint: `${r.rule}-fingerprint`,
      lines: 'requires login',
      is_ignored: false,
      engine_kind: 'OSS',
      validation_state: 'NO_VALIDATOR',
    },
  };
}

/**
 * A semgrep JSON report with one finding per hostile payload, and `__proto__` / `constructor` keys
 * spliced into the text (an object literal cannot hold an own `__proto__` key).
 */
export function hostileSemgrepReport(outsideFile: string): string {
  const results: HostileResult[] = [
    { rule: 'hostile.markdown', path: 'app/markdown.py', message: MARKDOWN_PAYLOAD },
    { rule: HOSTILE_RULE_ID, path: 'app/markdown.py', message: 'a rule id with Markdown, HTML and a mention in it', line: 2 },
    { rule: 'hostile.commands', path: 'app/commands.py', message: COMMAND_PAYLOAD },
    { rule: 'hostile.ansi', path: 'app/ansi.py', message: ANSI_PAYLOAD },
    { rule: 'hostile.prototype', path: 'app/prototype.py', message: 'an entry carrying __proto__ and constructor keys' },
    { rule: 'hostile.absolute-path', path: outsideFile, message: 'located at an absolute path outside the workspace' },
    { rule: 'hostile.traversal', path: '../outside/secret-outside.txt', message: 'located through ..' },
    { rule: 'hostile.symlink-file', path: 'leak.py', message: 'located at a symlink to a file outside' },
    { rule: 'hostile.symlink-dir', path: 'link-out/secret-outside.txt', message: 'located in a symlinked directory pointing outside' },
  ];
  const text = JSON.stringify({
    version: '1.156.0',
    PROTO_SLOT: 1,
    errors: [],
    paths: { scanned: ['app/markdown.py'] },
    results: results.map(semgrepResult),
  });
  return text
    .replace('"PROTO_SLOT":1', '"__proto__":{"polluted":"top"},"constructor":{"prototype":{"pollutedByConstructor":"top"}}')
    .replace('"category":"security"', '"category":"security","__proto__":{"polluted":"entry"},"constructor":{"prototype":{"pollutedByConstructor":"entry"}}');
}
