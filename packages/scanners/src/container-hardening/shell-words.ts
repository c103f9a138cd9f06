/**
 * Splits a POSIX shell command line into simple commands and their words, the way `sh` does for
 * the parts that matter to a RUN instruction: quotes (single, double, backslash) are removed,
 * `&&` `||` `;` `|` `&` `(` `)` and line ends separate commands, redirections and their targets
 * are dropped (`pip install flask>=2` installs `flask` and writes to a file named `=2`), and `#`
 * starts a comment only at the start of a word (`pkg#egg=x` is one word). Expansions (`$VAR`) are
 * kept as written. Not a full shell: enough to read package managers' arguments faithfully.
 */
export function shellCommands(script: string): string[][] {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let dropNextWord = false;
  const endWord = () => {
    if (word === undefined) return;
    if (dropNextWord) dropNextWord = false;
    else commands.at(-1)!.push(word);
    word = undefined;
  };
  const endCommand = () => {
    endWord();
    if (commands.at(-1)!.length > 0) commands.push([]);
  };
  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i]!;
    if (c === '\\') {
      if (script[i + 1] === '\n') i += 2; // line continuation
      else {
        word = (word ?? '') + (script[i + 1] ?? '');
        i += 2;
      }
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      word = (word ?? '') + script.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n && '$`"\\\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') text += script[i + 1];
          i += 2;
        } else text += script[i++];
      }
      word = (word ?? '') + text;
      i++;
    } else if (c === '#' && word === undefined) {
      while (i < n && script[i] !== '\n') i++;
    } else if (c === '\n' || c === ';' || c === '(' || c === ')') {
      endCommand();
      i++;
    } else if (c === '&' || c === '|') {
      endCommand();
      i += script[i + 1] === c ? 2 : 1;
    } else if (c === '>' || c === '<') {
      if (word !== undefined && /^\d+$/.test(word)) word = undefined; // `2>`: the digits name a file descriptor
      endWord();
      i++;
      if (script[i] === '>' || script[i] === '<' || script[i] === '|') i++;
      if (script[i] === '&') {
        i++; // `>&2`: the target is a descriptor
      }
      dropNextWord = true;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
    } else {
      word = (word ?? '') + c;
      i++;
    }
  }
  endWord();
  return commands.filter((cmd) => cmd.length > 0);
}
