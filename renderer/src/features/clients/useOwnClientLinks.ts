import { useEffect, useRef, useState } from 'react';
import { providerFromHash, ownClientAnchor } from '../../ui/domIds';

/**
 * Follows "Use your own OAuth app" links (`#own-client-<provider>`): shows Settings, then opens
 * that provider's form and puts focus on it, so the result of the click is where the person looks.
 */
export function useOwnClientLinks(showSettings: () => void): void {
  const target = useRef<string | undefined>(undefined);
  // Bumped per followed link: the effect below runs after the commit that shows Settings.
  const [followed, setFollowed] = useState(0);

  useEffect(() => {
    function follow(): void {
      const providerId = providerFromHash(window.location.hash);
      if (providerId === undefined) return;
      // Forget the hash, so the same link works again next time (a hash that stays fires no hashchange).
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
      target.current = providerId;
      showSettings();
      setFollowed((n) => n + 1);
    }
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [showSettings]);

  // Runs after the commit that rendered Settings, so the form exists by now.
  useEffect(() => {
    const providerId = target.current;
    target.current = undefined;
    if (providerId === undefined) return;
    const details = document.getElementById(ownClientAnchor(providerId));
    if (!(details instanceof HTMLDetailsElement)) return;
    details.open = true;
    details.scrollIntoView?.({ block: 'start' });
    details.querySelector('summary')?.focus();
  }, [followed]);
}
