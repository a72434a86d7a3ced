// The headless stand-in for Electron's preload environment, loaded before the real preload
// bundle. It offers the two things our preload uses, contextBridge and ipcRenderer, and carries
// invokes to the headless host over same-origin HTTP and pushed events over Server-Sent Events.
// The host answers only a page opened from its launch address (electron/headless/launchGate.ts):
// the one-time token in the address's fragment is traded for the session secret, kept in this
// tab's sessionStorage (so a reload keeps working) and sent with every invoke.
(() => {
  'use strict';
  const SESSION_KEY = 'scopekeeper.previewSession';
  const NOT_LAUNCHED = {
    ok: false,
    error: {
      code: 'FORBIDDEN_SENDER',
      message: 'This tab was not opened from the address the preview printed (it works once): open that address, or restart the preview for a new one.',
    },
  };
  const listeners = new Map();
  let events;
  const launch = new URLSearchParams(location.hash.slice(1)).get('launch');
  // Asks made while the exchange has not left (the preload's early ask, in this same script) go
  // with it, as in Electron a preload's first invoke leaves before the page's own code runs.
  const riders = [];
  let exchanged = !launch;

  const session = (async () => {
    if (launch) {
      // Out of the address bar and the history before anything else runs.
      history.replaceState(null, '', location.pathname + location.search);
      // After the rest of this script (the preload) has run and made its early asks.
      await null;
      const asks = riders.splice(0);
      exchanged = true;
      try {
        const response = await fetch('/__ipc/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Scopekeeper-Launch': launch },
          body: JSON.stringify({ invokes: asks.map(({ channel, payload }) => ({ channel, payload })) }),
        });
        const answer = response.ok ? await response.json() : undefined;
        if (answer) sessionStorage.setItem(SESSION_KEY, answer.session);
        asks.forEach((ask, i) => ask.resolve(answer?.answers?.[i] ?? NOT_LAUNCHED));
      } catch (error) {
        for (const ask of asks) ask.reject(error);
      }
    }
    return sessionStorage.getItem(SESSION_KEY);
  })();

  function ensureEventStream() {
    if (events) return;
    events = session.then((secret) => {
      if (!secret) return undefined;
      const stream = new EventSource('/__ipc/events?session=' + encodeURIComponent(secret));
      stream.onmessage = (message) => {
        const { channel, payload } = JSON.parse(message.data);
        for (const listener of listeners.get(channel) ?? []) listener({}, payload);
      };
      return stream;
    });
  }

  const ipcRenderer = {
    async invoke(channel, payload) {
      if (!exchanged) return new Promise((resolve, reject) => riders.push({ channel, payload, resolve, reject }));
      const secret = await session;
      if (!secret) return NOT_LAUNCHED;
      const response = await fetch('/__ipc/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Scopekeeper-Session': secret },
        body: JSON.stringify({ channel, payload }),
      });
      return response.status === 403 ? NOT_LAUNCHED : response.json();
    },
    on(channel, listener) {
      ensureEventStream();
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  const contextBridge = {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true });
    },
  };

  Object.defineProperty(window, '__scopekeeperElectronShim', { value: Object.freeze({ ipcRenderer, contextBridge }) });
})();
