import type { JSX } from 'react';
import atlassian from '../../../resources/providers/atlassian.svg';
import generic from '../../../resources/providers/generic.svg';
import github from '../../../resources/providers/github.svg';
import google from '../../../resources/providers/google.svg';
import microsoft from '../../../resources/providers/microsoft.svg';
import sandbox from '../../../resources/providers/sandbox.svg';
import slack from '../../../resources/providers/slack.svg';

/**
 * Each provider's mark, bundled with the app by Vite (resources/providers/, simple marks drawn for
 * Scopekeeper): nothing is loaded from the network. Any other server gets the generic key.
 */
const LOGOS: Readonly<Record<string, string>> = { atlassian, github, google, microsoft, sandbox, slack };

export function providerLogo(providerId: string): string {
  return LOGOS[providerId] ?? generic;
}

/** Decorative: the provider's name is always written beside it, so the image has no text of its own. */
export function ProviderLogo({ providerId, size = 28 }: { providerId: string; size?: number }): JSX.Element {
  return <img className="provider-logo" src={providerLogo(providerId)} alt="" width={size} height={size} />;
}
