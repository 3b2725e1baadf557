/**
 * The whole surface the page gets: a frozen object with one method per contract channel.
 * No generic invoke or send, and ipcRenderer never reaches the page. Payloads are validated
 * in main, which trusts nothing that comes from here.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_NAMES } from '../ipc/contract/runtime';
import { IPC_PREFIX } from './ipc-prefix';

const api = Object.freeze(
  Object.fromEntries(
    CHANNEL_NAMES.map((name) => [name, (request: unknown) => ipcRenderer.invoke(IPC_PREFIX + name, request)] as const),
  ),
);

contextBridge.exposeInMainWorld('moe', api);
