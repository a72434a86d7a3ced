/** One request as the provider's API reference shows it, and where it shows it. */
export interface OperationExample {
  /** The catalog action that must cover it. */
  action: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A full request URL from the reference page (query allowed). */
  url: string;
  /** The reference page (https) the example comes from. */
  source: string;
}
