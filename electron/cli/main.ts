/**
 * `scopekeeper` under plain Node: the entry of the built file (cli.vite.config.ts,
 * out/cli/scopekeeper.mjs). The command itself is command.ts, which the app's own binary runs too.
 */
import { runCommand } from './command';

void runCommand(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
