// Exposes exactly two functions to the page: invoke a procedure, and listen to core events.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const IPC_CHANNEL = 'qingshui:rpc';
const EVENT_CHANNEL = 'qingshui:event';

contextBridge.exposeInMainWorld('qingshui', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  onEvent: (cb: (e: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => { ipcRenderer.removeListener(EVENT_CHANNEL, listener); };
  },
});
