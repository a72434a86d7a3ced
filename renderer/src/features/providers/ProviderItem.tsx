import { useState } from 'react';
import type { JSX } from 'react';
import type { ProviderView } from '../../../../shared/ipc/contract';
import { useAppStore } from '../../store';
import { PLACES } from '../../store/places';
import { ProviderLogo } from '../../ui/ProviderLogo';
import { Feedback } from '../notices/Feedback';
import { NoClientNotice } from './NoClientNotice';
import { connectButtonId } from '../../ui/domIds';
import { chosenScopes, initialChoice, withScopeAdded, withScopeTicked } from './scopeChoice';
import type { ScopeChoice } from './scopeChoice';
import { ScopePicker } from './ScopePicker';
import { LastsSelect, lastsOf, type LastsChoice } from '../../ui/LastsSelect';
import { blockedText, providerBlock, scopeBlockWithin } from '../../../../shared/policy/decide';

/** `tabStop`: this provider's Connect button is where Tab enters the list (arrow keys do the rest). */
export function ProviderItem({ providerId, tabStop }: { providerId: string; tabStop: boolean }): JSX.Element | null {
  const provider = useAppStore((s) => s.providers.find((p) => p.id === providerId));
  // null until the person changes the picker: Connect then asks for the current defaults.
  const [edited, setEdited] = useState<ScopeChoice | null>(null);
  const policy = useAppStore((s) => s.policy);
  if (provider === undefined) return null;

  // What the managed policy blocks is shown disabled, never ticked, never asked for (core refuses it too).
  const blockedBy = (scope: string): string | undefined => {
    // A broader permission that includes a blocked one is blocked too (the same rule core refuses by).
    const block = scopeBlockWithin(policy, provider.id, scope, provider.scopeOptions.find((o) => o.scope === scope)?.includes ?? []);
    return block && blockedText(block);
  };
  const picked = edited ?? initialChoice(provider);
  const choice = { ...picked, ticked: picked.ticked.filter((scope) => blockedBy(scope) === undefined) };
  const buttonId = connectButtonId(provider.id);
  const reasonId = `${buttonId}-unavailable`;
  // A remote MCP server with no sign-in needs no client: it says so where the button would be.
  const needsClient = provider.client === undefined && provider.mcp?.signIn !== false;

  return (
    <li className="provider">
      <div className="provider-text">
        <h3>
          <ProviderLogo providerId={provider.id} size={24} /> {provider.name}
        </h3>
        <p>
          {provider.custom && <span className="scope-mark provider-mark">Added by you</span>}
          {provider.description}
        </p>
      </div>
      <div className="provider-action">
        {needsClient ? (
          // No client at all: say so and lead to the form, instead of a button that cannot work.
          <NoClientNotice providerId={provider.id} providerName={provider.name} id={reasonId} />
        ) : (
          <ConnectButtons provider={provider} choice={choice} tabStop={tabStop} buttonId={buttonId} reasonId={reasonId} />
        )}
      </div>
      <Feedback place={PLACES.provider(provider.id)} className="provider-feedback" />
      <ScopePicker
        provider={provider}
        choice={choice}
        onToggle={(scope, ticked) => setEdited(withScopeTicked(choice, scope, ticked))}
        onAdd={(scope) => setEdited(withScopeAdded(provider, choice, scope))}
        blockedBy={blockedBy}
      />
    </li>
  );
}

/**
 * The ways to connect a provider that has a client: Connect, Connect with a code (where the
 * provider offers it), Add another account, or why it cannot be connected on this computer.
 */
function ConnectButtons({
  provider,
  choice,
  tabStop,
  buttonId,
  reasonId,
}: {
  provider: ProviderView;
  choice: ScopeChoice;
  tabStop: boolean;
  buttonId: string;
  /** The id of the sentence saying why it is unavailable. */
  reasonId: string;
}): JSX.Element {
  // A Connect during a change would take the browser sign-in its next step needs.
  const busy = useAppStore((s) => s.flow !== null || s.changeStatus === 'applying');
  const signIn = useAppStore((s) => s.connect);
  const hasConnection = useAppStore((s) => s.connections.some((c) => c.providerId === provider.id));
  const [chosen, choose] = useState<LastsChoice>('until-taken-back');
  const lasts = lastsOf(chosen);
  const connect: typeof signIn = (providerId, scopes, options = {}) => signIn(providerId, scopes, { ...options, ...(lasts ? { lasts } : {}) });
  const sessionNote = provider.sessionOnly.note;
  // A provider the managed policy blocks cannot be connected here: said where the button would be.
  const policy = useAppStore((s) => s.policy);
  const blocked = providerBlock(policy, { id: provider.id, custom: provider.custom, issuer: provider.server?.issuer });
  const available = provider.available && blocked === undefined;
  const unavailableReason = blocked ? blockedText(blocked) : provider.unavailableReason;
  return (
    <>
      <button
        id={buttonId}
        type="button"
        className="primary connect-button"
        tabIndex={tabStop ? 0 : -1}
        disabled={!available || busy}
        aria-describedby={available ? undefined : reasonId}
        onClick={() => void connect(provider.id, chosenScopes(provider, choice))}
      >
        Connect {provider.name}
      </button>
      {provider.deviceFlow && available && (
        // The second way in (RFC 8628): for when the browser redirect cannot come back here.
        // Its name starts with the visible text (WCAG 2.5.3) and names the provider, without
        // containing "Connect <provider>", which is the main button's.
        <button
          type="button"
          aria-label={`Connect with a code: ${provider.name}`}
          disabled={busy}
          onClick={() => void connect(provider.id, chosenScopes(provider, choice), { method: 'device' })}
        >
          Connect with a code
        </button>
      )}
      {hasConnection && available && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void connect(provider.id, chosenScopes(provider, choice), { anotherAccount: true })}
        >
          Add another {provider.name} account
        </button>
      )}
      {/* After the buttons: Tab enters the list at Connect (ProvidersSection), this choice comes next. */}
      {available && (
        <LastsSelect label={`How long to connect ${provider.name}`} value={chosen} choose={choose} session={provider.sessionOnly} disabled={busy} />
      )}
      {available && sessionNote && (chosen === 'session' || !provider.sessionOnly.offered) && <p className="field-hint session-note">{sessionNote}</p>}
      {!available && (
        <p id={reasonId} className="unavailable">
          {unavailableReason ?? 'Not available on this computer.'}
        </p>
      )}
    </>
  );
}
