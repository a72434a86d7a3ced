import type { OperationExample } from './types';

/**
 * Requests copied from the provider's own API reference, one or more per operation the catalog
 * declares for it (see operationCoverage.test.ts). Test data only: product code never imports it.
 */
export const examples: readonly OperationExample[] = [];
