// The headless stand-in for Electron's preload environment, loaded before the real preload
// bundle. It offers the two things our preload uses, contextBridge and ipcRenderer, and carries
// invokes to the headless host over same-origin HTTP and pushed events over Server-Sent Events.
(() => {
  'use strict';
  const listeners = new Map();
  let events;

  function ensureEventStream() {
    if (events) return;
    events = new EventSource('/__ipc/events');
    events.onmessage = (message) => {
      const { channel, payload } = JSON.parse(message.data);
      for (const listener of listeners.get(channel) ?? []) listener({}, payload);
    };
  }

  const ipcRenderer = {
    async invoke(channel, payload) {
      const response = await fetch('/__ipc/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ channel, payload }),
      });
      return response.json();
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
