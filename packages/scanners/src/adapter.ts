import type { Category, DraftWithHints } from '@gatehouse/findings';
import type { ExitCodeTable, ToolCommand } from '@gatehouse/toolchain';

/** Engine ids: the folder names under ../shared/fixtures (but `codeql`, read by `sarif`), plus our own engines. */
export type EngineId = string;

/** What an adapter needs to know besides the report text. Adapters never read files or the network. */
export interface ParseContext {
  /** The report's name as the user gave it: used in every error message. */
  file: string;
  /** Absolute path of the workspace; report paths are made relative to it, and paths outside it refused. */
  workspace: string;
  /** Per-repository secret salt for hashing secret values (HMAC-SHA256). */
  salt: string;
  /** Called with every plaintext secret value the report holds, so the caller can mask it (`setSecret`). */
  onSecretValue?: (value: string) => void;
  /** For image scans: the reference the user asked for, when the report does not say. */
  imageRef?: string;
}

/** An entry of the report the adapter could not turn into a finding. It is counted, never silently lost. */
export interface SkippedEntry {
  /** Where in the report: an index, a JSON pointer, a line number. */
  at: string;
  reason: string;
}

export interface ParseResult {
  findings: DraftWithHints[];
  /** Entries that could not be read. Any skipped entry makes the engine's run incomplete. */
  skipped: SkippedEntry[];
  /** What the report itself says about an incomplete scan (SARIF executionSuccessful: false, semgrep errors[], pip-audit skip_reason, ...). */
  incomplete: string[];
  /** Entries of the report in the engine's counting unit (e.g. npm audit: one per advisory per package). */
  nativeCount: number;
  engineVersion?: string;
  /** Non-fatal notes for the log (e.g. "3 results were suppressed inline"). */
  notes?: string[];
}

export type ReportFormat = 'json' | 'jsonl' | 'sarif' | 'cyclonedx' | 'spdx';

export type ScanMode = 'full' | 'diff' | 'history' | 'staged' | 'image' | 'config' | 'sbom';

/** Everything a command builder needs to run an engine. Paths are absolute. */
export interface RunOptions {
  /** The executable (resolved by the toolchain: cached download, PATH, or a bundled script). */
  executable: string;
  workspace: string;
  /** What to scan, relative to the workspace (default: the workspace itself). */
  targets: readonly string[];
  /** Where the engine must write its native report. */
  reportPath: string;
  mode: ScanMode;
  /** A configuration file for the engine (e.g. .gitleaks.toml, semgrep rules), already resolved. */
  configPath?: string;
  /** git range for diff and history modes, as `--log-opts` takes it. */
  gitRange?: string;
  /** For semgrep's --baseline-commit and similar diff-aware modes. */
  baseCommit?: string;
  image?: string;
  /** Directory the engine may use for its database / cache. */
  cacheDir?: string;
  /**
   * A private, empty directory for this run only: `prepare` writes what the command needs there
   * (a translated configuration, a list of targets too long for a command line).
   */
  workDir?: string;
  /** A file listing the targets, one per line, for engines given more targets than fit on a command line. */
  targetsFile?: string;
  /**
   * Where the engine's repository configuration (`.gitleaks.toml`, `.gitleaksignore`,
   * `.secretlintignore`, `.secrets.baseline`, …) is read from: on pull_request a copy of those files
   * from the base ref (ARCHITECTURE.md, tamper resistance), else the workspace. When set, engines
   * never take such files from `workspace`, which on a pull request is the PR's own content.
   */
  trustedConfigDir?: string;
  extraArgs?: readonly string[];
}

/**
 * One engine. `parse` is pure: it validates untrusted report text with zod, skips and counts bad
 * entries, and throws ParseError (file and position) for a document it cannot read, including a
 * report of another format (`{}` under --from trivy is an error, not "0 findings").
 */
export interface ScannerAdapter {
  id: EngineId;
  /** Human name for summaries. */
  displayName: string;
  categories: readonly Category[];
  formats: readonly ReportFormat[];
  parse(content: string, ctx: ParseContext): ParseResult;
  /**
   * Called before `command` when present: does the I/O the command needs (reads the engine's own
   * configuration, writes a translated copy or a targets file into `opts.workDir`) and returns the
   * options `command` gets. `command` itself stays pure.
   */
  prepare?(opts: RunOptions): Promise<RunOptions>;
  /** For engines run as external programs. */
  command?(opts: RunOptions): ToolCommand;
  /** What the engine's exit codes mean (required with `command`). */
  exitCodes?: ExitCodeTable;
  /** Whether the native report goes to stdout (captured by the runner) or to `opts.reportPath`. */
  reportOn?: 'stdout' | 'file';
  /** Native report fields that hold plaintext secrets: such reports are read from a private temp file and never kept. */
  holdsPlaintextSecrets?: boolean;
  /**
   * For engines built into Gatehouse (osv-offline, container hardening): runs in-process and returns
   * the engine's native report text, which then goes through `parse` like any other report, so the
   * report can be kept as an artifact and re-read with `gatehouse normalize`. Must honour `signal`.
   */
  runInProcess?(opts: RunOptions, signal: AbortSignal): Promise<string>;
  /**
   * The report to parse when the engine exited with `outcome` but wrote none (pip-audit writes
   * nothing when it finds nothing). Undefined: a missing report makes the run incomplete.
   */
  reportWhenAbsent?(outcome: 'clean' | 'findings'): string | undefined;
  /**
   * A parse context for one invocation (`instance` is the plan's instance, e.g. the manifest a
   * dependency engine audited), when the report alone does not say what it was about.
   */
  parseContextFor?(ctx: ParseContext, instance: string | undefined): Promise<ParseContext>;
  /**
   * True when the exit code says "findings" and the report lists none means the engine failed
   * (pip-audit and npm audit exit 1 for their own failures too).
   */
  findingsExitNeedsFindings?: boolean;
  /**
   * The file name its native report is known by (pip-audit: `pip-audit.json`), kept under that name
   * in a run's artifact (in a folder per instance when an engine runs once per manifest).
   */
  reportName?: string;
}
