import { ConfigurationError, ParseError } from '@gatehouse/findings';
import { CommandError } from '@gatehouse/toolchain';
import { describe, expect, it } from 'vitest';
import { runAction } from './run-action';
import { parseWorkflowCommands } from './runner-command-parser';

async function failureOf(main: () => Promise<void>): Promise<{ commands: ReturnType<typeof parseWorkflowCommands>; exitCode: unknown }> {
  const { captureStdout } = await import('./test-support/capture-stdout');
  let exitCode: unknown;
  const out = await captureStdout(async () => {
    await runAction(main);
    exitCode = process.exitCode;
  });
  return { commands: parseWorkflowCommands(out), exitCode };
}

describe('runAction', () => {
  it('does nothing more when main succeeds', async () => {
    const { commands, exitCode } = await failureOf(async () => {});
    expect(commands).toEqual([]);
    expect(exitCode).toBeUndefined();
  });

  it('fails the step with the message of a ConfigurationError', async () => {
    const { commands, exitCode } = await failureOf(async () => {
      throw new ConfigurationError('unknown severity "hihg"', '.github/gatehouse.yml', 3, 12);
    });
    expect(exitCode).toBe(1);
    expect(commands.map((c) => [c.name, c.data])).toEqual([['error', '.github/gatehouse.yml:3:12: unknown severity "hihg"']]);
  });

  it('fails with a ParseError or CommandError message as it is', async () => {
    const parse = await failureOf(async () => {
      throw new ParseError('truncated JSON', 'gitleaks.json', 1, 40);
    });
    expect(parse.commands[0]!.data).toBe('gitleaks.json:1:40: truncated JSON');
    const command = await failureOf(async () => {
      throw new CommandError('exit-code', ['trivy', 'fs', '.'], 2, 'FATAL db download failed\n::add-mask::x');
    });
    expect(command.commands.map((c) => c.name)).toEqual(['error']);
    expect(command.commands[0]!.data).toContain('trivy fs .: exited with code 2');
  });

  it('reports anything else as an internal error, with the stack only in the debug log', async () => {
    const { commands, exitCode } = await failureOf(async () => {
      throw new TypeError('cannot read properties of undefined\n::stop-commands::tok');
    });
    expect(exitCode).toBe(1);
    expect(commands.map((c) => c.name)).toEqual(['error', 'debug']);
    expect(commands[0]!.data).toMatch(/^internal error: cannot read properties of undefined\n\\::stop-commands::tok \(a bug in Gatehouse/);
    expect(commands[1]!.data).toContain('TypeError: cannot read properties of undefined');
    expect(commands[1]!.data).toContain('run-action.test.ts');
  });

  it('copes with a thrown value that is not an Error', async () => {
    const { commands } = await failureOf(() => Promise.reject('just a string'));
    expect(commands.map((c) => [c.name, c.data.slice(0, 30)])).toEqual([['error', 'internal error: just a string ']]);
  });
});
