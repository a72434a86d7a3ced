import { atlassian } from './atlassian';
import { generic } from './generic';
import { github } from './github';
import { google } from './google';
import { microsoft } from './microsoft';
import { slack } from './slack';
import type { ProviderProtocol } from './types';

export type * from './types';

const MODULES: Readonly<Record<string, ProviderProtocol>> = { google, microsoft, slack, github, atlassian };

/** The wire quirks of a catalog provider; the standard behaviour for the Sandbox and custom servers. */
export function protocolFor(providerId: string): ProviderProtocol {
  return Object.hasOwn(MODULES, providerId) ? MODULES[providerId]! : generic;
}
