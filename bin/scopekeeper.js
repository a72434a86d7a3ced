#!/usr/bin/env node
// The `scopekeeper` command: the self-contained CLI and MCP server built by `npm run build` (out/cli/scopekeeper.mjs).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../out/cli/scopekeeper.mjs', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('scopekeeper: run `npm run build` first (out/cli/scopekeeper.mjs is missing).');
  process.exit(1);
}
await import(built.href);
