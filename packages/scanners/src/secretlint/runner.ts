// The secretlint runner, bundled by esbuild into packages/scanners/dist/secretlint-runner.js and
// run as a subprocess (`node <bundle> --format json …`) so secretlint gets the same limits,
// timeout and isolation as every other scanner.
import { runSecretlintRunner } from './runner-main';

const readStdin = async () => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

process.exitCode = await runSecretlintRunner(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin,
});
