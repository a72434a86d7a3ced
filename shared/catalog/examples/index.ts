import { examples as atlassian } from './atlassian';
import { examples as github } from './github';
import { examples as google } from './google';
import { examples as microsoft } from './microsoft';
import { examples as slack } from './slack';
import type { OperationExample } from './types';

export type { OperationExample } from './types';

/** Documented example requests per real provider, for the catalog's operation tests. */
export const OPERATION_EXAMPLES: Readonly<Record<string, readonly OperationExample[]>> = { google, microsoft, slack, github, atlassian };
