/**
 * The Electron shell: a thin, hardened window around the same services the browser mode and
 * the CLI use. Everything here is about trust boundaries; the work happens in services.
 */
import { app, BrowserWindow, ipcMain, protocol, screen, session, utilityProcess, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNEL_NAMES } from '../ipc/contract/names';
import { resolveDataDir } from '../services/paths';
import { readStatic } from '../page/static';
import { CONTENT_SECURITY_POLICY } from '../page/csp';
import { dropDevelopmentOverrides } from './development-env';
import { sqliteBinding, SQLITE_BINDING_ENV } from './native-binding';
import { APP_HOST, APP_ORIGIN, APP_SCHEME, IPC_PREFIX } from './ipc-prefix';
import { isTrustedSender } from './sender';
import { hardenContents, hardenSession, secureWebPreferences } from './hardening';
import { ServiceHost } from './service-host';
import { loadWindowState, saveWindowState, visibleOn } from './window-state';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = resolve(here, '../renderer');
const preloadPath = resolve(here, '../preload/preload.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  // Native modules built for Electron's ABI live apart from the Node build the tests use.
  const electronNative = resolve(here, '../native/better_sqlite3.node');
  const binding = sqliteBinding({ isPackaged: app.isPackaged, bundled: existsSync(electronNative) ? electronNative : null, override: process.env[SQLITE_BINDING_ENV] });
  if (binding) process.env[SQLITE_BINDING_ENV] = binding;
  else delete process.env[SQLITE_BINDING_ENV];
  // the service process and its worker threads inherit this environment
  dropDevelopmentOverrides(process.env, app.isPackaged);
  // Every handler runs in a utility process (shell/service-process.ts), which owns the store, so
  // no PDF, sweep, fit or import ever blocks this process and with it the window.
  const services = new ServiceHost(
    (entry, args) => utilityProcess.fork(entry, args, { serviceName: 'MoE Workbench services', stdio: 'inherit' }),
    resolve(here, 'service-process.js'),
    dataDir,
  );
  const stateFile = join(dataDir, 'window-state.json');
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  // Applies to every web contents the app ever creates, including any a bug might open.
  app.on('web-contents-created', (_e, contents: WebContents) => hardenContents(contents));

  app.whenReady().then(() => {
    hardenSession(session.defaultSession);

    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
      const file = (await readStatic(rendererDir, url.pathname)) ?? (await readStatic(rendererDir, '/index.html'));
      if (!file) return new Response('Renderer not built', { status: 404 });
      return new Response(new Uint8Array(file.body), {
        headers: { 'content-type': file.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
      });
    });

    for (const name of CHANNEL_NAMES) {
      ipcMain.handle(IPC_PREFIX + name, async (event, payload: unknown) => {
        if (!isTrustedSender(event.senderFrame)) {
          return { ok: false, error: { code: 'invalid-request', message: 'Refused: the caller is not the app page' } };
        }
        return services.call(name, payload);
      });
    }

    const saved = visibleOn(loadWindowState(stateFile), screen.getAllDisplays().map((d) => d.workArea));
    win = new BrowserWindow({
      width: saved.width,
      height: saved.height,
      ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
      minWidth: 1024,
      minHeight: 640,
      show: false,
      title: 'MoE Workbench',
      webPreferences: secureWebPreferences(preloadPath),
    });
    if (saved.maximized) win.maximize();
    win.once('ready-to-show', () => win?.show());
    win.on('close', () => {
      if (!win) return;
      const b = win.getNormalBounds();
      saveWindowState(stateFile, { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
    });
    win.on('closed', () => {
      win = null;
    });
    void win.loadURL(`${APP_ORIGIN}/index.html`);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services.stop());
}
