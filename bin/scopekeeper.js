#!/usr/bin/env node
// The `scopekeeper` command: the CLI and MCP server built by `npm run build` (out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('scopekeeper: run `npm run build` first (out/main/cli.js is missing).');
  process.exit(1);
}
await import(built.href);
