import { describe, expect, it } from 'vitest';
import { parseWorkflowCommands } from './runner-command-parser';

describe('parseWorkflowCommands', () => {
  it('reads a command with properties and decodes data and properties as the runner does', () => {
    const [command] = parseWorkflowCommands('::error file=src/a%2Cb.ts,line=3,title=T%3A x::first%0Asecond 100%25');
    expect(command).toEqual({
      name: 'error',
      properties: { file: 'src/a,b.ts', line: '3', title: 'T: x' },
      data: 'first\nsecond 100%',
      form: 'v2',
      line: 1,
    });
  });

  it('finds commands after leading white space and after a carriage return, not mid-line', () => {
    const commands = parseWorkflowCommands('  ::notice::a\rprogress\r::warning::b\nsay ::error::c');
    expect(commands.map((c) => [c.name, c.data, c.line])).toEqual([
      ['notice', 'a', 1],
      ['warning', 'b', 3],
    ]);
  });

  it('finds the legacy ##[command] form anywhere in a line', () => {
    expect(parseWorkflowCommands('text ##[error]boom').map((c) => [c.name, c.data, c.form])).toEqual([['error', 'boom', 'v1']]);
  });

  it('ignores names the runner does not register', () => {
    expect(parseWorkflowCommands('::hello::world\n##[nope]x')).toEqual([]);
  });

  it('pauses processing after stop-commands until the token comes back', () => {
    const out = ['::stop-commands::tok', '::error::ignored', '::tok::', '::error::seen'].join('\n');
    expect(parseWorkflowCommands(out).map((c) => c.name)).toEqual(['stop-commands', 'tok', 'error']);
  });

  it('sees through characters the runner’s culture-sensitive comparison ignores', () => {
    expect(parseWorkflowCommands('\u200B::error::x')).toHaveLength(1);
    expect(parseWorkflowCommands('#\u200D#[error]x')).toHaveLength(1);
  });
});
