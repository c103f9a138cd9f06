/**
 * How a bench worker (a child process) hands its measurements back: one line on stdout starting with
 * this marker and holding JSON. Anything else the child prints is ignored.
 */
export const RESULT_MARKER = 'BENCH_RESULT ';

export function emitResult(result: Record<string, unknown>): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

export function parseResultLine(stdout: string): Record<string, unknown> | undefined {
  const line = stdout.split('\n').findLast((l) => l.startsWith(RESULT_MARKER));
  return line ? (JSON.parse(line.slice(RESULT_MARKER.length)) as Record<string, unknown>) : undefined;
}
