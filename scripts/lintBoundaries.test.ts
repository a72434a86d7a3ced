/**
 * The import boundaries in eslint.config.js, checked through ESLint itself: each case lints one
 * line of code as if it were a file at that path (the file need not exist; what it imports does,
 * since the rule resolves the import to the file it loads).
 */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });
const boundaryRules = new Set(['import-x/no-restricted-paths', 'no-restricted-imports', '@typescript-eslint/no-restricted-imports']);

/** The boundary errors ESLint reports for `code` in a file at `file` (relative to the repo). */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file), warnIgnored: true });
  if (!result) throw new Error(`ESLint returned no result for ${file}`);
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) throw new Error(`${file}: ${fatal.message}`);
  return result.messages.filter((message) => message.ruleId && boundaryRules.has(message.ruleId)).map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['product code imports e2e/', 'electron/headless/boundary.ts', "export * from '../../e2e/vaultFile';", /e2e\//],
    ['product code imports a testing/ folder', 'electron/main/boundary.ts', "export * from '../testing/fakeElectron';", /testing\//],
    ['the renderer imports its test support', 'renderer/src/boundary.ts', "export * from './testing/fakeBridge';", /testing\//],
    ['core imports the renderer', 'electron/core/grants/boundary.ts', "export * from '../../../renderer/src/bridge';", /window/],
    ['core imports the renderer by a roundabout path', 'electron/core/grants/boundary.ts', "export * from '../../core/./../../renderer/src/../src/bridge';", /window/],
    ['core imports electron/main', 'electron/core/boundary.ts', "export * from '../main/window';", /Electron shell/],
    ['core imports the headless host', 'electron/core/boundary.ts', "export * from '../headless/adapters';", /every host/],
    ['core imports the Sandbox', 'electron/core/broker/boundary.ts', "export * from '../../sandbox/server';", /every host/],
    ['core imports the CLI', 'electron/core/boundary.ts', "export * from '../cli/client';", /every host/],
    ['core imports electron/preload', 'electron/core/boundary.ts', "export * from '../preload/index';", /Electron shell/],
    ['the renderer imports electron/', 'renderer/src/boundary.ts', "export * from '../../electron/core/ports';", /window\.scopekeeper/],
    ['the renderer imports electron/ types only', 'renderer/src/boundary.ts', "export type { Ports } from '../../electron/core/ports';", /window\.scopekeeper/],
    ['shared imports electron/', 'shared/scopes/boundary.ts', "export * from '../../electron/core/ports';", /only shared/],
    ['shared imports the renderer', 'shared/catalog/boundary.ts', "export * from '../../renderer/src/bridge';", /only shared/],
    ['shared imports e2e/', 'shared/scopes/boundary.ts', "export * from '../../e2e/vaultFile';", /only shared/],
    ['shared imports a Node built-in', 'shared/scopes/boundary.ts', "export * from 'node:fs';", /Node built-ins/],
    ['the CLI imports electron', 'electron/cli/boundary.ts', "export * from 'electron';", /Only electron\/main/],
    ['shared imports React', 'shared/scopes/boundary.ts', "export * from 'react';", /UI code/],
    ['a renderer test imports e2e/', 'renderer/src/boundary.test.tsx', "export * from '../../e2e/appPages';", /Playwright/],
    ['core clients/ imports grants/ (a layer above)', 'electron/core/clients/boundary.ts', "export * from '../grants/providers';", /layers below/],
    ['core vault/ imports oauth/ (a sibling of its layer)', 'electron/core/vault/boundary.ts', "export * from '../oauth/pkce';", /layers below/],
    ['core imports the composition root', 'electron/core/grants/boundary.ts', "export * from '../createCore';", /layers below/],
    ['a feature imports an earlier feature', 'renderer/src/features/changes/boundary.ts', "export * from '../connections/ConnectionDetail';", /featureOrder/],
    ['the store imports a feature', 'renderer/src/store/boundary.ts', "export * from '../features/changes/ChangeDialog';", /import no feature/],
    ['a core test imports the renderer', 'electron/core/grants/boundary.test.ts', "export * from '../../../renderer/src/bridge';", /window/],
    ['core imports the MCP SDK at start', 'electron/core/remoteMcp/boundary.ts', "import { Client } from '@modelcontextprotocol/sdk/client/index.js';\nexport const c = Client;", /when first needed/],
    ['core re-exports an MCP SDK value', 'electron/core/remoteMcp/boundary.ts', "export { McpError } from '@modelcontextprotocol/sdk/types.js';", /when first needed/],
    ['core imports openid-client at start', 'electron/core/oauth/boundary.ts', "import * as oidc from 'openid-client';\nexport const o = oidc;", /when first needed/],
    ['the headless host imports the MCP SDK at start', 'electron/headless/boundary.ts', "import { registerClient } from '@modelcontextprotocol/sdk/client/auth.js';\nexport const r = registerClient;", /when first needed/],
    ['shared imports the MCP SDK', 'shared/boundary.ts', "export * from '@modelcontextprotocol/sdk/types.js';", /when first needed/],
  ])('refuses: %s', async (_case, file, code, message) => {
    const errors = await boundaryErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });

  it.each([
    ['core imports shared/', 'electron/core/grants/boundary.ts', "export * from '../../../shared/catalog';"],
    ['the renderer imports shared/', 'renderer/src/boundary.ts', "export * from '../../shared/ipc/contract';"],
    ['shared imports shared/ and packages', 'shared/scopes/boundary.ts', "export * from '../catalog';\nexport * from 'zod';"],
    ['a test imports test support', 'electron/main/boundary.test.ts', "export * from '../testing/fakeElectron';"],
    ['a core test runs core against the Sandbox', 'electron/core/grants/boundary.test.ts', "export * from '../../sandbox/server';\nexport * from '../../../e2e/vaultFile';"],
    ['core grants/ imports the layers below it', 'electron/core/grants/boundary.ts', "export * from '../vault/vault';\nexport * from '../oauth/pkce';\nexport * from '../ports';"],
    ['a feature imports a later feature and ui/', 'renderer/src/features/connections/boundary.ts', "export * from '../changes/ChangeDialog';\nexport * from '../../ui/domIds';"],
    ['a core test builds the whole core', 'electron/core/grants/boundary.test.ts', "export * from '../createCore';"],
    ['electron/main imports core', 'electron/main/boundary.ts', "export * from '../core/createCore';"],
    ['core imports MCP SDK and openid-client types', 'electron/core/remoteMcp/boundary.ts', "import type { Tool } from '@modelcontextprotocol/sdk/types.js';\nimport type * as oidc from 'openid-client';\nexport type T = [Tool, oidc.ServerMetadata];"],
    ['core loads the MCP SDK when first needed', 'electron/core/remoteMcp/boundary.ts', "export const load = () => import('@modelcontextprotocol/sdk/client/index.js');"],
    ['the CLI (its own process) imports the MCP SDK', 'electron/cli/boundary.ts', "export { Server } from '@modelcontextprotocol/sdk/server/index.js';"],
    ['a core test imports the MCP SDK', 'electron/core/remoteMcp/boundary.test.ts', "export { Client } from '@modelcontextprotocol/sdk/client/index.js';"],
  ])('allows: %s', async (_case, file, code) => {
    expect(await boundaryErrors(file, code)).toEqual([]);
  });
});

describe('size limits for product code', () => {
  const sizeRules = new Set(['max-lines', 'max-lines-per-function']);
  const longFunction = `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(80)}  return n;\n}\n`;
  const longFile = `${'export const line = 1;\n'.repeat(401)}`.replace(/line = 1;/g, (_, offset: number) => `line${offset} = 1;`);

  async function sizeErrors(file: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(root, file), warnIgnored: true });
    return (result?.messages ?? []).filter((message) => message.ruleId && sizeRules.has(message.ruleId)).map((message) => message.ruleId!);
  }

  it('refuses a function over 80 lines and a file over 400 lines in product code', async () => {
    expect(await sizeErrors('electron/core/grants/boundary.ts', longFunction)).toEqual(['max-lines-per-function']);
    expect(await sizeErrors('renderer/src/ui/boundary.ts', longFile)).toEqual(['max-lines']);
  });

  it('leaves tests and the catalog data to their own length', async () => {
    expect(await sizeErrors('electron/core/grants/boundary.test.ts', longFunction)).toEqual([]);
    expect(await sizeErrors('shared/catalog/google.ts', longFile)).toEqual([]);
  });
});
