import type { JSX } from 'react';

/** The sites a grant reaches (Atlassian's accessible resources), named under the account. */
export function AccountSites({ sites }: { sites: readonly string[] | undefined }): JSX.Element | null {
  if (!sites || sites.length === 0) return null;
  return (
    <p className="account-sites">
      {sites.length === 1 ? 'Site' : 'Sites'}: <span aria-label="Sites">{sites.join(', ')}</span>
    </p>
  );
}
