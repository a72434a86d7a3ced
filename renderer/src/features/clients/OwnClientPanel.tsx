import { useId, useState } from 'react';
import type { FormEvent, JSX } from 'react';
import type { AppError } from '../../../../shared/ipc/errors';
import { useAppStore } from '../../store';
import { errorText } from '../../ui/errorText';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { ClientGuide } from './ClientGuide';
import { clientStatus } from './clientStatus';
import { CustomServerSettings } from './CustomServerSettings';
import { consoleGuide } from './consoleGuides';
import { ownClientAnchor } from '../../ui/domIds';
import { initialDraft, ownClientProblems, redirectUriFor, toOwnClient, typedPort } from './ownClientForm';
import type { OwnClientDraft, OwnClientField, OwnClientProblems } from './ownClientForm';

/**
 * One provider in Settings → Providers and clients: whether it can be connected, which client it
 * signs in with, and "Use your own OAuth app": the guide, the redirect URI to register, and the
 * form. Failures show next to the form.
 */
export function OwnClientPanel({ providerId }: { providerId: string }): JSX.Element | null {
  const provider = useAppStore((s) => s.providers.find((p) => p.id === providerId));
  const saving = useAppStore((s) => s.savingClientFor !== null);
  const setOwnClient = useAppStore((s) => s.setOwnClient);
  const clearOwnClient = useAppStore((s) => s.clearOwnClient);
  // null until the person types: the form then shows what is saved (never the secret).
  const [draft, setDraft] = useState<OwnClientDraft | null>(null);
  const [problems, setProblems] = useState<OwnClientProblems>({});
  const [failure, setFailure] = useState<AppError | null>(null);
  const idPrefix = useId();
  if (provider === undefined) return null;

  const guide = consoleGuide(provider.id);
  const own = provider.client?.source === 'own' ? provider.client : undefined;
  const values = draft ?? initialDraft(provider.client);
  const redirectUri = redirectUriFor(typedPort(values));
  const idOf = (field: OwnClientField | 'failure' | 'status', part = 'input'): string => `${idPrefix}-${field}-${part}`;
  const edit = (patch: Partial<OwnClientDraft>): void => setDraft({ ...values, ...patch });

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found = ownClientProblems(values, guide.needsFixedPort);
    setProblems(found);
    setFailure(null);
    const firstBad = (['clientId', 'clientSecret', 'redirectPort'] as const).find((field) => found[field] !== undefined);
    if (firstBad !== undefined) {
      document.getElementById(idOf(firstBad))?.focus();
      return;
    }
    const error = await setOwnClient(toOwnClient(providerId, values));
    setFailure(error);
    // Saved: the secret field empties, so the secret stays nowhere in this window.
    if (error === null) setDraft(null);
  }

  async function clear(): Promise<void> {
    setProblems({});
    const error = await clearOwnClient(providerId);
    setFailure(error);
    if (error === null) setDraft(null);
  }

  const describedBy = (field: OwnClientField, hint?: boolean): string | undefined =>
    [hint ? idOf(field, 'hint') : null, problems[field] !== undefined ? idOf(field, 'problem') : null].filter((id) => id !== null).join(' ') || undefined;

  return (
    <li className="provider-status own-client">
      <div className="provider-status-row">
        <ProviderLogo providerId={provider.id} size={24} />
        <h4 className="provider-status-name">{provider.name}</h4>
        {provider.custom && <span className="scope-mark">Added by you</span>}
        <span className="provider-status-state">
          {provider.available ? 'Ready to connect' : (provider.unavailableReason ?? 'Not available on this computer.')}
        </span>
      </div>
      <p id={idOf('status')}>{clientStatus(provider)}</p>
      {provider.custom && <CustomServerSettings provider={provider} />}
      <details id={ownClientAnchor(provider.id)} className="own-client-details">
        <summary>Use your own OAuth app with {provider.name}</summary>
        <ClientGuide provider={provider} guide={guide} redirectUri={redirectUri} />
        <form
          className="own-client-form"
          aria-label={`Your own OAuth app for ${provider.name}`}
          noValidate
          onSubmit={(event) => void save(event)}
        >
          <div className="field">
            <label htmlFor={idOf('clientId')}>Client ID</label>
            <input
              id={idOf('clientId')}
              type="text"
              value={values.clientId}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={problems.clientId !== undefined}
              aria-describedby={describedBy('clientId')}
              onChange={(event) => edit({ clientId: event.currentTarget.value })}
            />
            {problems.clientId !== undefined && (
              <p id={idOf('clientId', 'problem')} className="field-problem">
                {problems.clientId}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={idOf('clientSecret')}>Client secret{guide.secret === 'required' ? '' : ' (optional)'}</label>
            <input
              id={idOf('clientSecret')}
              type="password"
              value={values.clientSecret}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={problems.clientSecret !== undefined}
              aria-describedby={describedBy('clientSecret', true)}
              onChange={(event) => edit({ clientSecret: event.currentTarget.value })}
            />
            <p id={idOf('clientSecret', 'hint')} className="field-hint">
              {own?.hasSecret
                ? 'A secret is saved. Leave this empty to keep it (for the same client ID), or type a new one.'
                : guide.secret === 'none'
                  ? `${provider.name} gives desktop apps no secret: leave this empty.`
                  : 'Kept encrypted on this computer and sent only to the provider; it is never shown again.'}
            </p>
            {problems.clientSecret !== undefined && (
              <p id={idOf('clientSecret', 'problem')} className="field-problem">
                {problems.clientSecret}
              </p>
            )}
            {own?.hasSecret === true && (
              <label className="checkbox">
                <input type="checkbox" checked={values.removeSecret} onChange={(event) => edit({ removeSecret: event.currentTarget.checked })} />
                Remove the saved secret
              </label>
            )}
          </div>
          <div className="field">
            <label htmlFor={idOf('redirectPort')}>Fixed redirect port{guide.needsFixedPort ? '' : ' (optional)'}</label>
            <input
              id={idOf('redirectPort')}
              type="text"
              inputMode="numeric"
              value={values.redirectPort}
              autoComplete="off"
              aria-invalid={problems.redirectPort !== undefined}
              aria-describedby={describedBy('redirectPort', true)}
              onChange={(event) => edit({ redirectPort: event.currentTarget.value })}
            />
            <p id={idOf('redirectPort', 'hint')} className="field-hint">
              {guide.needsFixedPort
                ? 'The port of the one callback URL you registered.'
                : 'Leave empty: Scopekeeper then uses any free port, which the provider accepts for 127.0.0.1.'}
            </p>
            {problems.redirectPort !== undefined && (
              <p id={idOf('redirectPort', 'problem')} className="field-problem">
                {problems.redirectPort}
              </p>
            )}
          </div>
          {failure !== null && (
            <p id={idOf('failure')} role="alert" className="field-problem">
              {errorText(failure, { providerName: provider.name })}
            </p>
          )}
          <div className="own-client-actions">
            <button type="submit" disabled={saving}>
              Save OAuth app
            </button>
            {own !== undefined && (
              <button type="button" disabled={saving} onClick={() => void clear()}>
                {provider.hasBuiltInClient ? 'Use the built-in app again' : 'Remove your OAuth app'}
              </button>
            )}
          </div>
        </form>
      </details>
    </li>
  );
}
