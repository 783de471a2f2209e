// Exposes four functions to the page: invoke a procedure, listen to core events, save a record as PDF, hand in a large file.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

const IPC_CHANNEL = 'qingshui:rpc';
const EVENT_CHANNEL = 'qingshui:event';
const PRINT_CHANNEL = 'qingshui:print-pdf';
const STAGE_CHANNEL = 'qingshui:stage-file';

contextBridge.exposeInMainWorld('qingshui', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, input),
  printToPdf: (inspectionId: string) => ipcRenderer.invoke(PRINT_CHANNEL, inspectionId),
  stageFile: (file: File, kind?: string) => ipcRenderer.invoke(STAGE_CHANNEL, webUtils.getPathForFile(file), kind),
  onEvent: (cb: (e: unknown) => void) => {
    const listener = (_e: IpcRendererEvent, payload: unknown) => cb(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => { ipcRenderer.removeListener(EVENT_CHANNEL, listener); };
  },
});
