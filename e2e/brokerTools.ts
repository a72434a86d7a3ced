/**
 * Tools as the broker specs run them against the app: the built `scopekeeper` command
 * (bin/scopekeeper.js, a real process on the app's broker socket) and the approval dialog it
 * brings up in the window.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { BrokerClient } from '../electron/cli/client';
import { brokerEndpoint } from '../electron/core/broker/endpoint';
import type { AppHarness } from './harness';

export const BIN = join(import.meta.dirname, '..', 'bin', 'scopekeeper.js');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A tool's environment: the app's broker socket, and its own folder for the secret it is issued. */
export function environment(app: AppHarness, toolsDir: string): Record<string, string> {
  return { ...(process.env as Record<string, string>), SCOPEKEEPER_BROKER: brokerEndpoint(app.dataDir), SCOPEKEEPER_TOOLS_DIR: toolsDir };
}

/** `scopekeeper …` as a tool would run it; resolves when it exits. */
export function scopekeeper(app: AppHarness, toolsDir: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env: environment(app, toolsDir) }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** The approval dialog (or a step-up's) a tool brings up; `provider` as the window names it. */
export function approvalDialog(page: Page, provider = 'Sandbox') {
  const name = provider.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByRole('dialog', { name: new RegExp(`wants to use your ${name} account|needs another permission`) });
}

/** A fresh folder for a tool's secrets. */
export function tools(): string {
  return mkdtempSync(join(tmpdir(), 'sk-e2e-tools-'));
}

/** A tool speaking the broker protocol itself on the app's socket, introduced by name; `open` collects it for closing. */
export async function toolOn(app: AppHarness, name: string, open: BrokerClient[]): Promise<BrokerClient> {
  const client = await BrokerClient.connect(brokerEndpoint(app.dataDir));
  open.push(client);
  await client.send('hello', { tool: name });
  return client;
}
