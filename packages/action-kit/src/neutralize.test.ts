import { describe, expect, it } from 'vitest';
import { ActionLogger } from './action-logger';
import { AnnotationBudget } from './annotation-budget';
import { neutralizeLogText, neutralizeOneLine, stripAnsi } from './neutralize';
import { parseWorkflowCommands } from './runner-command-parser';
import { captureStdout } from './test-support/capture-stdout';

const INJECTIONS = {
  'error after a newline': 'scanner said\n::error::pwned',
  'add-mask after a newline': 'value\n::add-mask::x',
  'stop-commands after a newline': 'boring\n::stop-commands::tok\n::error::after stop',
  'set-output after a newline': 'x\n::set-output name=verdict::pass',
  'error after a carriage return': 'progress 10%\r::error::pwned',
  'indented command': 'x\n   \t::warning::pwned',
  'legacy command mid-line': 'see ##[error]pwned here',
  'legacy stop-commands': 'a ##[stop-commands]tok',
  'zero-width space before the command': 'x\n\u200B::error::pwned',
  'BOM before the command': 'x\n\uFEFF::error::pwned',
  'combining mark before the command': 'x\n\u0301::error::pwned',
  'zero-width joiner inside legacy prefix': 'x #\u200D#[error]pwned',
  'endgroup to break out of a group': 'x\n::endgroup::\n::group::fake',
  'echo on': '::echo::on',
};

describe('neutralizeLogText', () => {
  for (const [scenario, text] of Object.entries(INJECTIONS)) {
    it(`leaves no workflow command for ${scenario}`, () => {
      expect(parseWorkflowCommands(text).length).toBeGreaterThan(0); // the attack is real…
      expect(parseWorkflowCommands(neutralizeLogText(text))).toEqual([]); // …and made inert
    });
  }

  it('never forms a command by stripping ANSI sequences', () => {
    for (const text of [
      'x\n\u001b[31m::error::red\u001b[0m',
      'x\n:\u001b[0m:error::split',
      'x\n\u001b]8;;https://evil\u0007::error::link\u001b]8;;\u0007',
      'x #\u001b[0m#[error]split legacy',
    ]) {
      const shown = neutralizeLogText(text);
      expect(shown).not.toContain('\u001b');
      expect(parseWorkflowCommands(shown)).toEqual([]);
    }
  });

  it('keeps the text readable: lines stay lines, the command is shown escaped', () => {
    expect(neutralizeLogText('scanner said\n::error::pwned')).toBe('scanner said\n\\::error::pwned');
    expect(neutralizeLogText('see ##[error]pwned')).toBe('see #\\#[error]pwned');
    expect(neutralizeLogText('a\r\nb\rc')).toBe('a\nb\nc');
  });

  it('leaves ordinary text alone, colons and emoji shortcodes included', () => {
    const text = ':white_check_mark: 3 files scanned: app.py:12, Ünïcödé ✓, 100% done\n\tindented';
    expect(neutralizeLogText(text)).toBe(text);
  });

  it('strips ANSI colours and cursor movement and shows other control characters', () => {
    expect(stripAnsi('\u001b[1;31mred\u001b[0m \u001b[2K\u001b[1Gdone')).toBe('red done');
    expect(neutralizeLogText('bell\u0007 nul\u0000 esc\u001b')).toBe('bell\\x07 nul\\x00 esc\\x1b');
    expect(neutralizeLogText('bidi \u202Eevil\u202C')).toBe('bidi \\u{202e}evil\\u{202c}');
  });

  it('bounds a 100 KB message and says how long it was', () => {
    const huge = `${'A'.repeat(100_000)}\n::error::late`;
    const shown = neutralizeLogText(huge, { maxLength: 1_000 });
    expect(shown.length).toBeLessThan(1_100);
    expect(shown).toContain('the text was 100014 characters long');
    expect(parseWorkflowCommands(shown)).toEqual([]);
  });

  it('puts a title on one line', () => {
    expect(neutralizeOneLine('a\n::error::b')).toBe('a ↵ \\::error::b');
  });
});

describe('ActionLogger output', () => {
  const hostile = [
    'finding title\n::error::pwned',
    'x\n::add-mask::x',
    'y\n::stop-commands::tok',
    '\u001b[31mred\u001b[0m\n::warning file=a.py::ansi',
    'z ##[set-output name=a]b',
  ].join('\n');

  it('prints no workflow command from untrusted info and debug text', async () => {
    const logger = new ActionLogger(new AnnotationBudget());
    const out = await captureStdout(() => {
      logger.info(hostile);
      logger.debug(hostile);
    });
    expect(out).toContain('finding title');
    expect(parseWorkflowCommands(out).map((c) => c.name)).toEqual(['debug']);
  });

  it('prints exactly one annotation for an untrusted warning or error, whatever it contains', async () => {
    const logger = new ActionLogger(new AnnotationBudget());
    const out = await captureStdout(() => {
      logger.warning(hostile);
      logger.error(hostile);
    });
    const commands = parseWorkflowCommands(out);
    expect(commands.map((c) => c.name)).toEqual(['warning', 'error']);
    expect(commands[0]!.properties).toEqual({});
    expect(commands[0]!.data).toContain('\\::error::pwned');
    expect(out).not.toContain('\u001b');
  });

  it('escapes a group name and closes the group when the body throws', async () => {
    const logger = new ActionLogger(new AnnotationBudget());
    const out = await captureStdout(async () => {
      await expect(logger.group('scan\n::error::x', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    });
    expect(parseWorkflowCommands(out).map((c) => [c.name, c.data])).toEqual([
      ['group', 'scan ↵ \\::error::x'],
      ['endgroup', ''],
    ]);
  });
});
