/**
 * Reads a step's output the way the GitHub Actions runner does and returns the workflow commands it
 * would act on. Tests use it to prove that untrusted text never becomes a command, and the runner
 * harness uses it to return the commands an action issued.
 *
 * It models actions/runner (ActionCommand.TryParseV2 / TryParse, ActionCommandManager):
 * lines split on \n, \r\n and \r; `::name props::data` at the start of a trimmed line; the legacy
 * `##[name props]data` anywhere in a line; only registered command names count; `stop-commands`
 * pauses processing until `::<token>::`. It errs on the side of finding commands: characters .NET's
 * culture-sensitive comparison ignores (controls, format characters, combining marks) are removed
 * before matching, because the runner may not see them either.
 */

/** The commands the runner registers (its command extensions plus stop-commands). */
export const RUNNER_COMMANDS: ReadonlySet<string> = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

export interface WorkflowCommand {
  name: string;
  properties: Record<string, string>;
  data: string;
  /** `::name::` (v2) or the legacy `##[name]` (v1). */
  form: 'v2' | 'v1';
  /** The output line it came from (1-based). */
  line: number;
}

const IGNORED_BY_RUNNER_COMPARISON = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\p{Mn}\p{Me}]/gu;

function unescapeData(value: string): string {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(value: string): string {
  return value
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');
}

function unescapeLegacy(value: string): string {
  return value
    .replace(/%3B/g, ';')
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%5D/g, ']')
    .replace(/%25/g, '%');
}

function parseProperties(text: string, separator: string, unescape: (v: string) => string): Record<string, string> {
  const properties: Record<string, string> = Object.create(null);
  for (const part of text.split(separator)) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) continue;
    properties[part.slice(0, eq)] = unescape(part.slice(eq + 1));
  }
  return properties;
}

function parseV2(line: string, registered: ReadonlySet<string>): Omit<WorkflowCommand, 'line'> | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1).trim(), ',', unescapeProperty) : {};
  return { name, properties, data: unescapeData(message.slice(end + 2)), form: 'v2' };
}

function parseV1(line: string, registered: ReadonlySet<string>): Omit<WorkflowCommand, 'line'> | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const close = line.indexOf(']', prefix);
  if (close < 0) return undefined;
  const info = line.slice(prefix + 3, close);
  const space = info.indexOf(' ');
  const name = space < 0 ? info : info.slice(0, space);
  if (!registered.has(name)) return undefined;
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ';', unescapeLegacy) : {};
  return { name, properties, data: unescapeLegacy(line.slice(close + 1)), form: 'v1' };
}

/** Every workflow command the runner would process in this output, in order. */
export function parseWorkflowCommands(output: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let registered = new Set(RUNNER_COMMANDS);
  let stopToken: string | undefined;
  output.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.replace(IGNORED_BY_RUNNER_COMPARISON, '');
    if (!line) return;
    const parsed = parseV2(line, registered) ?? parseV1(line, registered);
    if (!parsed) return;
    if (stopToken !== undefined) {
      // While stopped, only the resume token is processed.
      if (parsed.name.toLowerCase() !== stopToken.toLowerCase()) return;
      registered = new Set(RUNNER_COMMANDS);
      stopToken = undefined;
      commands.push({ ...parsed, line: index + 1 });
      return;
    }
    commands.push({ ...parsed, line: index + 1 });
    if (parsed.name === 'stop-commands' && parsed.data) {
      stopToken = parsed.data;
      registered = new Set([...RUNNER_COMMANDS, stopToken]);
    }
  });
  return commands;
}
