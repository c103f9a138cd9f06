// Entry point of the CLI bundle: run, then exit with the command's code once output is flushed.
import { main } from './cli';

process.exitCode = await main(process.argv.slice(2));
