import { useId } from 'react';
import type { JSX } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import type { ConsoleGuide } from './consoleGuides';
import { CopyButton } from '../../ui/CopyButton';

/**
 * The numbered steps, the redirect URI (to register, or the one Scopekeeper uses where the
 * provider needs none registered), what else decides whether sign-ins work and last, and the
 * scopes to add to the app.
 */
export function ClientGuide({ provider, guide, redirectUri }: { provider: ProviderView; guide: ConsoleGuide; redirectUri: string }): JSX.Element {
  const redirectLabelId = useId();
  const register = guide.redirect === 'register';
  return (
    <div className="client-guide">
      <ol>
        {guide.steps.map((step, index) => (
          <li key={index}>{step.replace('{redirectUri}', redirectUri)}</li>
        ))}
      </ol>
      {guide.notes !== undefined && (
        <ul className="client-guide-notes" aria-label={`Before you rely on your ${provider.name} app`}>
          {guide.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {guide.consoleUrl !== undefined && (
        <p>
          <a href={guide.consoleUrl} target="_blank" rel="noreferrer">
            Open the {guide.consoleName}
          </a>
        </p>
      )}
      <div className="field">
        <span id={redirectLabelId}>{register ? 'Redirect URI to register' : 'Redirect URI Scopekeeper uses'}</span>
        <div className="copy-row">
          <span role="group" aria-labelledby={redirectLabelId}>
            <code>{redirectUri}</code>
          </span>
          {register && <CopyButton text={redirectUri} label="Copy redirect URI" />}
        </div>
        {!register && <span className="field-hint">Nothing to register: {provider.name} accepts it on any port.</span>}
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
