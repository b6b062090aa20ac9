// The URL scheme of the public routes that admins copy into other systems (the frame code, the Meta
// app settings). Fixed now, before the routes themselves are complete, because pasted code must keep
// working: /widget/<public key>, /widget.js, /webhooks/facebook/<public key>.

const HOSTNAME = /^(\[[0-9a-f:.]+\]|[a-z0-9_-]+(\.[a-z0-9_-]+)*)$/i;

/**
 * An http(s) origin ("https://example.com:8443") in canonical form (lower-case host, no default
 * port, no trailing slash), or undefined when the text is not exactly an origin: no path, query,
 * fragment, credentials or wildcard. A single trailing slash is tolerated.
 */
export function normalizeOrigin(text: string): string | undefined {
  const value = text.trim();
  if (!/^https?:\/\/[^/?#\s]+\/?$/i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return undefined;
  // the URL parser accepts hosts such as "*.example.com"; browsers never send those as an Origin
  if (!HOSTNAME.test(url.hostname)) return undefined;
  return url.origin;
}

/**
 * The app's base URL (origin plus an optional path prefix, no trailing slash), or undefined when
 * the text is not an http(s) URL without query and fragment.
 */
export function normalizeBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || url.search || url.hash) return undefined;
  return url.origin + url.pathname.replace(/\/+$/, '');
}

function base(baseUrl: string): string {
  const normalized = normalizeBaseUrl(baseUrl);
  if (!normalized) throw new Error(`not an http(s) base URL: "${baseUrl}"`);
  return normalized;
}

export const widgetUrl = (baseUrl: string, publicKey: string): string => `${base(baseUrl)}/widget/${encodeURIComponent(publicKey)}`;

export const widgetScriptUrl = (baseUrl: string): string => `${base(baseUrl)}/widget.js`;

export const facebookWebhookUrl = (baseUrl: string, publicKey: string): string =>
  `${base(baseUrl)}/webhooks/facebook/${encodeURIComponent(publicKey)}`;
