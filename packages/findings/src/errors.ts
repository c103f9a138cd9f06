/** The user must change something (a policy, an input, a flag); the message says what and where. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(file ? `${formatPosition(file, line, column)}: ${message}` : message);
  }
}

/** A report (or other document) could not be read as what it claims to be. */
export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${formatPosition(file, line, column)}: ${reason}`);
  }
}

export function formatPosition(file: string, line?: number, column?: number): string {
  if (line === undefined) return file;
  return column === undefined ? `${file}:${line}` : `${file}:${line}:${column}`;
}

/** A message for any thrown value, without assuming it is an Error. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
