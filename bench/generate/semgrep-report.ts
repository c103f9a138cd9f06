import { hexOf, pick, writeJsonArray, type ChunkSink } from './variety';

/**
 * A `semgrep scan --json` report: results of a handful of registry rules across many files, each
 * with the rule's metadata (cwe, owasp, references), metavariables, the matched line and semgrep's
 * fingerprint, as semgrep 1.x writes them. Every result's line differs, so identities stay apart.
 */

interface RuleShape {
  id: string;
  severity: string;
  message: string;
  cwe: string;
  owasp: string;
  line: (i: number) => string;
  ext: string;
}

const RULES: readonly RuleShape[] = [
  {
    id: 'python.django.security.injection.sql.sql-injection-using-raw.sql-injection-using-raw',
    severity: 'ERROR',
    message: 'Detected user input flowing into a raw SQL query. This can lead to SQL injection; use parameterised queries instead.',
    cwe: "CWE-89: Improper Neutralization of Special Elements used in an SQL Command ('SQL Injection')",
    owasp: 'A03:2021 - Injection',
    line: (i) => `    rows = Item.objects.raw("SELECT * FROM items WHERE owner = '%s'" % request.GET["owner_${i}"])`,
    ext: 'py',
  },
  {
    id: 'javascript.express.security.audit.xss.direct-response-write.direct-response-write',
    severity: 'WARNING',
    message: 'Detected directly writing to a Response object from user-defined input. This bypasses any HTML escaping and may expose the application to cross-site scripting.',
    cwe: "CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')",
    owasp: 'A03:2021 - Injection',
    line: (i) => `  res.send('<p>' + req.query.name${i} + '</p>');`,
    ext: 'js',
  },
  {
    id: 'python.lang.security.audit.subprocess-shell-true.subprocess-shell-true',
    severity: 'ERROR',
    message: "Found 'subprocess' function with 'shell=True'. This is dangerous because this call will spawn the command using a shell process.",
    cwe: "CWE-78: Improper Neutralization of Special Elements used in an OS Command ('OS Command Injection')",
    owasp: 'A01:2017 - Injection',
    line: (i) => `    subprocess.run(f"convert {upload_${i}.name} out.png", shell=True)`,
    ext: 'py',
  },
  {
    id: 'javascript.lang.security.audit.path-traversal.path-join-resolve-traversal.path-join-resolve-traversal',
    severity: 'WARNING',
    message: 'Detected possible user input going into a `path.join` or `path.resolve` function. This could possibly lead to a path traversal vulnerability.',
    cwe: "CWE-22: Improper Limitation of a Pathname to a Restricted Directory ('Path Traversal')",
    owasp: 'A05:2017 - Broken Access Control',
    line: (i) => `  const file = path.join(uploads, req.params.file${i});`,
    ext: 'js',
  },
  {
    id: 'python.lang.correctness.tempfile.flush.tempfile-without-flush',
    severity: 'INFO',
    message: "Using 'temp.name' without '.flush()' or '.close()' may cause an error because the file may not exist when 'temp.name' is used.",
    cwe: 'CWE-459: Incomplete Cleanup',
    owasp: 'A05:2021 - Security Misconfiguration',
    line: (i) => `        'xsl-style-sheet': temp_${i}.name}`,
    ext: 'py',
  },
];

function result(index: number): Record<string, unknown> {
  const rule = pick(RULES, index);
  const line = 10 + (index % 900);
  const text = rule.line(index);
  const offset = line * 42;
  return {
    check_id: rule.id,
    path: `services/${pick(['billing', 'catalog', 'accounts', 'search', 'media'], index, 1)}/module_${Math.floor(index / 40)}/handler_${index % 40}.${rule.ext}`,
    start: { line, col: 5, offset },
    end: { line, col: text.length + 1, offset: offset + text.length - 4 },
    extra: {
      message: rule.message,
      metadata: {
        category: 'security',
        cwe: [rule.cwe],
        owasp: [rule.owasp],
        confidence: pick(['HIGH', 'MEDIUM', 'LOW'], index, 2),
        likelihood: 'MEDIUM',
        impact: 'HIGH',
        references: ['https://owasp.org/Top10/A03_2021-Injection'],
        technology: [rule.ext === 'py' ? 'django' : 'express'],
        source: `https://semgrep.dev/r/${rule.id}`,
        shortlink: `https://sg.run/${hexOf(index % 5, 4)}`,
        'semgrep.dev': { rule: { origin: 'community', rule_id: hexOf(index % 5, 6, 3), version_id: hexOf(index % 5, 6, 4), url: `https://semgrep.dev/playground/r/${rule.id}` } },
      },
      metavars: { $X: { start: { line, col: 12, offset: offset + 7 }, end: { line, col: 20, offset: offset + 15 }, abstract_content: `input_${index}` } },
      severity: rule.severity,
      fingerprint: `${hexOf(index, 128, 5)}_0`,
      lines: text,
      is_ignored: false,
      validation_state: 'NO_VALIDATOR',
      engine_kind: 'OSS',
    },
  };
}

export function writeSemgrepReport(sink: ChunkSink, options: { findings: number }): void {
  sink.write('{"version":"1.97.0","results":');
  writeJsonArray(sink, options.findings, result);
  sink.write(',"errors":[],"paths":{"scanned":[]},"interfile_languages_used":[],"skipped_rules":[]}\n');
}
