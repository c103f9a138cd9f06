/**
 * Reads the files the runner gives a step for GITHUB_OUTPUT, GITHUB_ENV and GITHUB_STATE, the way
 * the runner reads them after the step (actions/runner, FileCommandManager): `name=value` lines
 * and `name<<DELIMITER` … `DELIMITER` blocks for multi-line values. An invalid file throws, as it
 * fails the step on a real runner.
 */
export function parseKeyValueFile(content: string, fileName = 'file'): Record<string, string> {
  const values: Record<string, string> = Object.create(null);
  const lines = content.split(/\r?\n/);
  // A trailing newline leaves one empty last element; empty lines are skipped by the runner.
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (!name) throw new Error(`${fileName}: line ${index + 1} has no name`);
      values[name] = line.slice(equals + 1);
      continue;
    }
    if (heredoc >= 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (!name || !delimiter) throw new Error(`${fileName}: line ${index + 1}: invalid heredoc "${line}"`);
      const body: string[] = [];
      let closed = false;
      for (index += 1; index < lines.length; index += 1) {
        if (lines[index] === delimiter) {
          closed = true;
          break;
        }
        body.push(lines[index]!);
      }
      if (!closed) throw new Error(`${fileName}: matching delimiter not found for "${name}"`);
      values[name] = body.join('\n');
      continue;
    }
    throw new Error(`${fileName}: line ${index + 1}: invalid format "${line.slice(0, 80)}"`);
  }
  return values;
}
