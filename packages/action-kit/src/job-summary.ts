import { statSync } from 'node:fs';
import * as core from '@actions/core';

/**
 * GitHub drops a step's whole summary when its file exceeds 1 MiB ("$GITHUB_STEP_SUMMARY upload
 * aborted, supports content up to a size of 1024k"). Appends here never let the file grow past it:
 * what does not fit is cut at a line boundary and replaced by a note.
 */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;

const TRUNCATION_NOTE =
  '\n\n> [!WARNING]\n> The rest of this summary was left out to stay within GitHub’s 1 MiB step-summary limit. The full report is in this run’s artifacts.\n';
const TRUNCATION_NOTE_BYTES = Buffer.byteLength(TRUNCATION_NOTE);

export interface SummaryAppendResult {
  /** Bytes of the given Markdown that were written. */
  writtenBytes: number;
  /** Bytes of the given Markdown left out to respect the limit (0 when everything fit). */
  omittedBytes: number;
}

function summaryPath(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_STEP_SUMMARY || undefined;
}

function currentSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Bytes that can still be appended to this step's summary (0 outside GitHub Actions). */
export function summaryBytesRemaining(env: NodeJS.ProcessEnv = process.env): number {
  const path = summaryPath(env);
  if (!path) return 0;
  return Math.max(0, STEP_SUMMARY_LIMIT_BYTES - currentSize(path));
}

/** The longest prefix of `text` within `maxBytes` of UTF-8, ending at a line break when there is one. */
function prefixWithin(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let end = Math.min(maxBytes, bytes.length);
  // Back off to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while (end > 0 && end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end -= 1;
  const prefix = bytes.subarray(0, end).toString('utf8');
  const lastBreak = prefix.lastIndexOf('\n');
  return lastBreak > 0 ? prefix.slice(0, lastBreak + 1) : prefix;
}

/**
 * Appends Markdown to the job summary (through `core.summary`), cut to what the 1 MiB limit still
 * allows. The caller escapes untrusted text: this function writes Markdown as given. Without a
 * summary file (outside GitHub Actions) nothing is written.
 */
export function appendSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<SummaryAppendResult> {
  // One append at a time: each must see the size the previous one left.
  const next = appending.then(() => appendWithinLimit(markdown, env));
  appending = next.catch(() => undefined);
  return next;
}

let appending: Promise<unknown> = Promise.resolve();

async function appendWithinLimit(markdown: string, env: NodeJS.ProcessEnv): Promise<SummaryAppendResult> {
  const totalBytes = Buffer.byteLength(markdown);
  if (!summaryPath(env)) return { writtenBytes: 0, omittedBytes: totalBytes };
  const remaining = summaryBytesRemaining(env);
  if (totalBytes <= remaining) {
    await core.summary.addRaw(markdown).write();
    return { writtenBytes: totalBytes, omittedBytes: 0 };
  }
  if (remaining < TRUNCATION_NOTE_BYTES) return { writtenBytes: 0, omittedBytes: totalBytes };
  const kept = prefixWithin(markdown, remaining - TRUNCATION_NOTE_BYTES);
  await core.summary.addRaw(kept + TRUNCATION_NOTE).write();
  const writtenBytes = Buffer.byteLength(kept);
  return { writtenBytes, omittedBytes: totalBytes - writtenBytes };
}
