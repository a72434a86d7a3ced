import type { JSX } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import type { ConsoleGuide } from './consoleGuides';
import { CopyButton } from '../../ui/CopyButton';

/** The numbered steps, the redirect URI to register (copyable) and the scopes to add to the app. */
export function ClientGuide({ provider, guide, redirectUri }: { provider: ProviderView; guide: ConsoleGuide; redirectUri: string }): JSX.Element {
  return (
    <div className="client-guide">
      <ol>
        {guide.steps.map((step, index) => (
          <li key={index}>{step.replace('{redirectUri}', redirectUri)}</li>
        ))}
      </ol>
      {guide.consoleUrl !== undefined && (
        <p>
          <a href={guide.consoleUrl} target="_blank" rel="noreferrer">
            Open the {guide.consoleName}
          </a>
        </p>
      )}
      <div className="field">
        <span>Redirect URI to register</span>
        <div className="copy-row">
          <code aria-label="Redirect URI to register">{redirectUri}</code>
          <CopyButton text={redirectUri} label="Copy redirect URI" />
        </div>
      </div>
      {provider.appScopes.length > 0 && (
        <details className="client-scopes">
          <summary>Scopes to add to the app ({provider.appScopes.length})</summary>
          <ul aria-label={`Scopes to add for ${provider.name}`}>
            {provider.appScopes.map((scope) => (
              <li key={scope}>
                <code>{scope}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
