/**
 * Libraries log through this interface and never through console or @actions/core directly,
 * so the CLI can print to stderr and actions can route through the runner's log (with escaping).
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warning() {},
  error() {},
};

/** Collects messages; useful in tests and for carrying warnings into a summary. */
export class MemoryLogger implements Logger {
  readonly entries: { level: 'debug' | 'info' | 'warning' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.entries.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.entries.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.entries.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.entries.push({ level: 'error', message });
  }
  text(): string {
    return this.entries.map((e) => `${e.level}: ${e.message}`).join('\n');
  }
}
