import { vi } from 'vitest';

/**
 * Runs `fn` while recording what it writes to process.stdout (where @actions/core writes log lines
 * and workflow commands), and returns the text. The exit code a failure sets is reset afterwards.
 */
export async function captureStdout(fn: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
  return chunks.join('');
}
