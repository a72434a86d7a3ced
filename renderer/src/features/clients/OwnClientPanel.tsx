import { useId } from 'react';
import type { JSX } from 'react';
import type { ClientView, ProviderView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { inputIdOf, TextField } from '../../ui/TextField';
import { ClientGuide } from './ClientGuide';
import { clientStatus } from './clientStatus';
import { CustomServerSettings } from './CustomServerSettings';
import { McpServerSettings } from './McpServerSettings';
import { consoleGuide } from './consoleGuides';
import type { ConsoleGuide } from './consoleGuides';
import { ownClientAnchor } from '../../ui/domIds';
import { redirectUriFor, typedPort } from './ownClientForm';
import { useOwnClientForm } from './useOwnClientForm';
import type { OwnClientForm } from './useOwnClientForm';
import { Feedback } from '../notices/Feedback';

/**
 * One provider in Settings → Providers and clients: whether it can be connected, which client it
 * signs in with, and "Use your own OAuth app": the guide, the redirect URI to register, and the
 * form. The result of Save, saved or not, shows right beside the buttons.
 */
export function OwnClientPanel({ providerId }: { providerId: string }): JSX.Element | null {
  const provider = useAppStore((s) => s.providers.find((p) => p.id === providerId));
  const idPrefix = useId();
  if (provider === undefined) return null;

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
      <p id={`${idPrefix}-status-input`}>{clientStatus(provider)}</p>
      {provider.custom && provider.mcp === undefined && <CustomServerSettings provider={provider} />}
      {provider.mcp !== undefined && <McpServerSettings provider={provider} mcp={provider.mcp} />}
      <OwnClientDetails provider={provider} idPrefix={idPrefix} />
    </li>
  );
}

/** "Use your own OAuth app with …", folded: the guide (with the redirect URI as typed) and the form. */
function OwnClientDetails({ provider, idPrefix }: { provider: ProviderView; idPrefix: string }): JSX.Element {
  const guide = consoleGuide(provider.id);
  const form = useOwnClientForm(provider, guide.needsFixedPort, (field) => inputIdOf(`${idPrefix}-${field}`));
  const own = provider.client?.source === 'own' ? provider.client : undefined;
  const redirectUri = redirectUriFor(typedPort(form.values));

  return (
    <details id={ownClientAnchor(provider.id)} className="own-client-details">
      <summary>Use your own OAuth app with {provider.name}</summary>
      <ClientGuide provider={provider} guide={guide} redirectUri={redirectUri} />
      <form
        className="own-client-form"
        aria-label={`Your own OAuth app for ${provider.name}`}
        noValidate
        onSubmit={(event) => void form.save(event)}
      >
        <OwnClientFields providerName={provider.name} guide={guide} own={own} form={form} idPrefix={idPrefix} />
        <div className="own-client-actions">
          <button type="submit" disabled={form.saving}>
            Save OAuth app
          </button>
          {own !== undefined && (
            <button type="button" disabled={form.saving} onClick={() => void form.clear()}>
              {provider.hasBuiltInClient ? 'Use the built-in app again' : 'Remove your OAuth app'}
            </button>
          )}
        </div>
        {/* Saved or not, said right beside Save, with focus on it (the button was disabled while it saved). */}
        <Feedback place={PLACES.ownClient(provider.id)} focusBeside />
      </form>
    </details>
  );
}

/** Client ID, client secret (with "Remove the saved secret" when one is saved) and the fixed redirect port. */
function OwnClientFields({
  providerName,
  guide,
  own,
  form,
  idPrefix,
}: {
  providerName: string;
  guide: ConsoleGuide;
  /** The person's own client as saved, if there is one. */
  own: ClientView | undefined;
  form: OwnClientForm;
  /** The field ids are `${idPrefix}-${field}-input` (and -hint, -problem). */
  idPrefix: string;
}): JSX.Element {
  const { values, problems, edit } = form;
  return (
    <>
      <TextField
        idBase={`${idPrefix}-clientId`}
        label="Client ID"
        type="text"
        value={values.clientId}
        problem={problems.clientId}
        spellCheck={false}
        onChange={(clientId) => edit({ clientId })}
      />
      <TextField
        idBase={`${idPrefix}-clientSecret`}
        label={<>Client secret{guide.secret === 'required' ? '' : ' (optional)'}</>}
        type="password"
        value={values.clientSecret}
        hint={
          own?.hasSecret
            ? 'A secret is saved. Leave this empty to keep it (for the same client ID), or type a new one.'
            : guide.secret === 'none'
              ? `${providerName} gives desktop apps no secret: leave this empty.`
              : 'Kept encrypted on this computer and sent only to the provider; it is never shown again.'
        }
        problem={problems.clientSecret}
        spellCheck={false}
        onChange={(clientSecret) => edit({ clientSecret })}
      >
        {own?.hasSecret === true && (
          <label className="checkbox">
            <input type="checkbox" checked={values.removeSecret} onChange={(event) => edit({ removeSecret: event.currentTarget.checked })} />
            Remove the saved secret
          </label>
        )}
      </TextField>
      <TextField
        idBase={`${idPrefix}-redirectPort`}
        label={<>Fixed redirect port{guide.needsFixedPort ? '' : ' (optional)'}</>}
        type="text"
        inputMode="numeric"
        value={values.redirectPort}
        hint={
          guide.needsFixedPort
            ? 'The port of the one callback URL you registered.'
            : 'Leave empty: Scopekeeper then uses any free port, which the provider accepts for 127.0.0.1.'
        }
        problem={problems.redirectPort}
        onChange={(redirectPort) => edit({ redirectPort })}
      />
    </>
  );
}
