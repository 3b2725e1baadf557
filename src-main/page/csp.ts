/**
 * The Content-Security-Policy of the app's page, shared by the Electron shell (response
 * header), the browser mode (response header) and index.html (meta tag, checked by a test).
 * No inline scripts and no eval; the only origin is the app itself.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // ECharts and Vue set element.style through the CSSOM, which CSP does not govern; no inline <style>.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
