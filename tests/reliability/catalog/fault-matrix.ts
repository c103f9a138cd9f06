import { ALL_ADAPTERS, type ScannerAdapter } from '../../../packages/scanners/src/index';
import { loadVersions, type ToolVersions } from '../../../packages/toolchain/src/index';
import type { NotApplicableCase, ReliabilityCase } from './reliability-case';

/**
 * The fault matrix: every engine of the default registry × every fault, generated from the registry
 * so a new engine is covered the day it is registered. Each applicable case must end with the
 * engine `incomplete` (reason naming the engine and the cause), a decision that does not pass, and
 * the other engine's findings still in findings.json and results.sarif.
 */
export const FAULTS = [
  'binary-missing',
  'checksum-mismatch',
  'signal-crash',
  'unexpected-exit',
  'empty-output',
  'truncated-json',
  'garbage',
  'over-cap',
  'hang',
  'database-download',
] as const;
export type Fault = (typeof FAULTS)[number];

export type EngineKind = 'external' | 'in-process' | 'import-only';

export function engineKind(adapter: ScannerAdapter): EngineKind {
  if (adapter.runInProcess) return 'in-process';
  if (adapter.command && adapter.exitCodes) return 'external';
  return 'import-only';
}

/** What each fault is, in the page's words. */
export const FAULT_TITLES: Record<Fault, Record<EngineKind, string>> = {
  'binary-missing': {
    external: 'the executable is missing when the engine is run',
    'in-process': '',
    'import-only': '',
  },
  'checksum-mismatch': {
    external: 'the pinned download (served by a loopback HTTP server) has the wrong bytes',
    'in-process': '',
    'import-only': '',
  },
  'signal-crash': {
    external: 'the scanner is killed by SIGSEGV',
    'in-process': 'the engine throws an unexpected exception',
    'import-only': '',
  },
  'unexpected-exit': {
    external: 'the scanner exits with a code its exit-code table does not know (77)',
    'in-process': '',
    'import-only': '',
  },
  'empty-output': {
    external: 'the scanner exits with its findings (or clean) code and an empty report',
    'in-process': 'the engine returns an empty report',
    'import-only': 'the report file is empty',
  },
  'truncated-json': {
    external: 'the report is cut off mid-document and the scanner exits clean',
    'in-process': 'the engine\'s real report is cut in half',
    'import-only': 'the report file is cut off mid-document',
  },
  garbage: {
    external: 'the report is a Go panic trace instead of JSON and the scanner exits clean',
    'in-process': 'the engine returns text that is not its report',
    'import-only': 'the report file is a Go panic trace',
  },
  'over-cap': {
    external: 'the report is larger than the cap (a 600 MB report file, or stdout over the runner\'s cap)',
    'in-process': '',
    'import-only': 'the report file is larger than one document may be (600 MB, sparse)',
  },
  hang: {
    external: 'the scanner never exits (the engine timeout is 1.5 s)',
    'in-process': 'the engine never returns and ignores its abort signal (timeout 1.5 s)',
    'import-only': '',
  },
  'database-download': {
    external: 'the scanner cannot download its vulnerability database (its real error line, failure exit code)',
    'in-process': 'the OSV export download was cut off (a truncated all.zip in the cache)',
    'import-only': '',
  },
};

/** The cause the reason must name, per fault (checked as a regular expression against the engine's reason). */
export const FAULT_CAUSES: Record<Fault, RegExp> = {
  'binary-missing': /executable not found/,
  'checksum-mismatch': /sha256|checksum/i,
  'signal-crash': /killed by signal SIGSEGV|failed: .*exception/,
  'unexpected-exit': /exited with code 77/,
  'empty-output': /could not be read|report lists none|empty/i,
  'truncated-json': /could not be read|truncated/i,
  garbage: /could not be read/,
  'over-cap': /output exceeded the cap|over the \d+-byte limit/,
  hang: /timed out|no result after/,
  'database-download': /database|vulnerability DB|OSV export|all\.zip/i,
};

const DATABASE_ENGINES_IN_PROCESS = new Set(['osv-offline']);

function hasDatabase(adapter: ScannerAdapter, versions: ToolVersions): boolean {
  return Object.hasOwn(versions.databases, adapter.id) || DATABASE_ENGINES_IN_PROCESS.has(adapter.id);
}

/** Whether a fault can happen to an engine; when not, why (shown on the page). */
export function faultApplicability(adapter: ScannerAdapter, fault: Fault, versions: ToolVersions = loadVersions()): { applies: true; open?: string } | { applies: false; why: string } {
  const kind = engineKind(adapter);
  if (kind === 'import-only') {
    if (['empty-output', 'truncated-json', 'garbage', 'over-cap'].includes(fault)) return { applies: true };
    return { applies: false, why: 'import-only engine: Gatehouse reads its reports, it never runs it' };
  }
  if (fault === 'database-download') {
    return hasDatabase(adapter, versions) ? { applies: true } : { applies: false, why: 'the engine has no vulnerability database' };
  }
  if (kind === 'in-process') {
    if (['binary-missing', 'checksum-mismatch', 'unexpected-exit'].includes(fault)) return { applies: false, why: 'built into Gatehouse: no executable, download or exit code' };
    if (fault === 'over-cap') return { applies: false, why: 'built into Gatehouse: its report is built in memory from bounded inputs' };
    return { applies: true };
  }
  if (fault === 'checksum-mismatch') {
    if (Object.hasOwn(versions.binaries, adapter.id)) return { applies: true };
    if (Object.hasOwn(versions.python, adapter.id)) {
      const pin = versions.python[adapter.id]!;
      if (pin.requirementHashes.length > 0) return { applies: true };
      return {
        applies: true,
        open: `pip installs ${pin.package} ${pin.version} without --require-hashes: versions.json has no requirement hashes for it (${pin.unhashedReason ?? 'no reason given'}), so a mirror serving other bytes would not be noticed`,
      };
    }
    if (adapter.id === 'secretlint') return { applies: false, why: 'bundled with the action (secretlint-runner.js), never downloaded on the runner' };
    if (Object.hasOwn(versions.npm, adapter.id)) return { applies: true };
    return { applies: false, why: 'no pinned download' };
  }
  return { applies: true };
}

export const FAULT_EXPECTATION =
  'engine `incomplete` with a reason naming the engine and the cause; decision `incomplete` (never `pass`); the other engine\'s findings still in findings.json and results.sarif';
export const IMPORT_EXPECTATION = 'ParseError naming the report file and the cause (`normalize` exits 2); no findings are invented';
const CHECKSUM_OPEN_EXPECTATION = 'the install is refused before anything runs; engine `incomplete`';

export function faultMatrixCases(versions: ToolVersions = loadVersions()): { cases: ReliabilityCase[]; notApplicable: NotApplicableCase[] } {
  const cases: ReliabilityCase[] = [];
  const notApplicable: NotApplicableCase[] = [];
  for (const adapter of ALL_ADAPTERS) {
    const kind = engineKind(adapter);
    for (const fault of FAULTS) {
      const applicability = faultApplicability(adapter, fault, versions);
      if (!applicability.applies) {
        notApplicable.push({ group: 'fault-matrix', subject: adapter.id, fault, why: applicability.why });
        continue;
      }
      cases.push({
        id: `fault-matrix/${adapter.id}/${fault}`,
        group: 'fault-matrix',
        title: `${adapter.id} (${kind}): ${FAULT_TITLES[fault][kind]}`,
        expectation: applicability.open ? CHECKSUM_OPEN_EXPECTATION : kind === 'import-only' ? IMPORT_EXPECTATION : FAULT_EXPECTATION,
        ...(applicability.open ? { open: applicability.open } : {}),
      });
    }
  }
  return { cases, notApplicable };
}
