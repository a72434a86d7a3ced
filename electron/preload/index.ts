import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createScopekeeperApi } from '../../shared/ipc/api';

// The renderer gets named functions only, never ipcRenderer itself (no arbitrary channels).
contextBridge.exposeInMainWorld(
  'scopekeeper',
  createScopekeeperApi({
    invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
    on: (channel, listener) => {
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => {
        ipcRenderer.removeListener(channel, handler);
      };
    },
  }, { listEarly: true }),
);
