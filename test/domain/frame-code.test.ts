import { buildFrameCode, escapeHtmlAttribute, jsonForInlineScript } from '../../src/domain/frame-code.js';
import { facebookWebhookUrl, normalizeBaseUrl, normalizeOrigin } from '../../src/domain/public-urls.js';

const HOSTILE = `</script><script>alert(1)</script>"'&<!-- \u2028x`;

/** Decodes the entities escapeHtmlAttribute produces, as an HTML parser would. */
const decodeAttribute = (value: string) =>
  value.replace(/&(amp|quot|#39|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[name]!);

describe('frame code', () => {
  const code = buildFrameCode({ baseUrl: 'https://chats.example.com/', publicKey: 'AbC_12-xyz', chatName: HOSTILE });

  it('points to the widget URL scheme fixed for the public routes', () => {
    expect(code.widgetUrl).toBe('https://chats.example.com/widget/AbC_12-xyz');
    expect(code.scriptUrl).toBe('https://chats.example.com/widget.js');
    expect(code.iframe).toMatch(/^<iframe src="https:\/\/chats\.example\.com\/widget\/AbC_12-xyz" /);
    expect(code.script).toContain('<script src="https://chats.example.com/widget.js" async></script>');
  });

  it('keeps a base URL path prefix', () => {
    expect(buildFrameCode({ baseUrl: 'https://example.com/support/', publicKey: 'k', chatName: 'n' }).widgetUrl).toBe('https://example.com/support/widget/k');
  });

  it('escapes a hostile chat name in the iframe title attribute', () => {
    const title = /title="([^"]*)"/.exec(code.iframe)![1];
    expect(decodeAttribute(title)).toBe(HOSTILE);
    expect(code.iframe).not.toMatch(/<script|<!--/);
    // exactly one tag opens and one closes: the name adds none
    expect(code.iframe.match(/</g)).toHaveLength(2);
  });

  it('escapes a hostile chat name in the inline script so the script element cannot be closed early', () => {
    const inline = /^<script>([\s\S]*?)<\/script>/.exec(code.script)![1];
    expect(inline).not.toMatch(/[<>&\u2028]/);
    expect(code.script.match(/<\/script>/g)).toHaveLength(2);
    // the config evaluates to exactly the original values
    const config = new Function('window', `${inline}; return window.chatsWidget;`)({});
    expect(config).toEqual({ publicKey: 'AbC_12-xyz', title: HOSTILE, widgetUrl: 'https://chats.example.com/widget/AbC_12-xyz' });
  });

  it('encodes a public key that is not URL-safe instead of breaking out of the URL', () => {
    const odd = buildFrameCode({ baseUrl: 'http://localhost:3000', publicKey: 'a"b/<c>', chatName: 'x' });
    expect(odd.widgetUrl).toBe('http://localhost:3000/widget/a%22b%2F%3Cc%3E');
    expect(odd.script).not.toContain('<c>');
  });

  it('refuses a base URL that is not http(s)', () => {
    expect(() => buildFrameCode({ baseUrl: 'javascript:alert(1)', publicKey: 'k', chatName: 'n' })).toThrow();
  });

  it('escapes each context helper fully', () => {
    expect(escapeHtmlAttribute(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(jsonForInlineScript('</script>&\u2029')).toBe('"\\u003c/script\\u003e\\u0026\\u2029"');
  });
});

describe('public URLs', () => {
  it('normalizes origins and rejects anything else', () => {
    expect(normalizeOrigin('https://Example.COM/')).toBe('https://example.com');
    expect(normalizeOrigin('http://localhost:3000')).toBe('http://localhost:3000');
    expect(normalizeOrigin('https://example.com:443')).toBe('https://example.com');
    expect(normalizeOrigin(' https://пример.рф ')).toBe('https://xn--e1afmkfd.xn--p1ai');
    for (const bad of ['example.com', 'ftp://example.com', 'https://example.com/path', 'https://example.com?x=1', 'https://*.example.com', 'https://user:pw@example.com', 'javascript:alert(1)', 'https://', '']) {
      expect(normalizeOrigin(bad)).toBeUndefined();
    }
  });

  it('normalizes base URLs', () => {
    expect(normalizeBaseUrl('https://example.com/app/')).toBe('https://example.com/app');
    expect(normalizeBaseUrl('https://example.com')).toBe('https://example.com');
    expect(normalizeBaseUrl('file:///etc')).toBeUndefined();
  });

  it('builds the Facebook webhook URL from the public key', () => {
    expect(facebookWebhookUrl('https://example.com/', 'KEY-1')).toBe('https://example.com/webhooks/facebook/KEY-1');
  });
});
