// The "Frame code" of a chat: HTML an admin pastes into a website to show the chat's widget, as an
// <iframe> or as a script loader. The chat name is free text typed by admins, so every value is
// escaped for the context it lands in: HTML attribute values, and a JS literal inside <script>.
import { widgetScriptUrl, widgetUrl } from './public-urls.js';

export interface FrameCodeInput {
  /** The app's public base URL, e.g. "https://chats.example.com". */
  baseUrl: string;
  publicKey: string;
  chatName: string;
}

export interface FrameCode {
  widgetUrl: string;
  scriptUrl: string;
  /** An <iframe> showing the widget page. */
  iframe: string;
  /**
   * The loader: a config object on `window.chatsWidget` (read by /widget.js) and the script tag.
   * This contract is what /widget.js must implement.
   */
  script: string;
}

const HTML_ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
};

/** Escapes text for a quoted HTML attribute value (or element text). */
export function escapeHtmlAttribute(value: string): string {
  return value.replace(/[&"'<>]/g, (char) => HTML_ATTRIBUTE_ESCAPES[char]);
}

/**
 * A JS literal of the value that is safe inside an inline <script> element: JSON, with `<`, `>`
 * and `&` written as \u escapes so that neither `</script>` nor `<!--` can appear, and the line
 * separators U+2028/U+2029 escaped for older JS engines.
 */
export function jsonForInlineScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function buildFrameCode(input: FrameCodeInput): FrameCode {
  const url = widgetUrl(input.baseUrl, input.publicKey);
  const scriptUrl = widgetScriptUrl(input.baseUrl);
  const iframe = [
    `<iframe src="${escapeHtmlAttribute(url)}" title="${escapeHtmlAttribute(input.chatName)}"`,
    ` style="border:0;width:100%;max-width:400px;height:600px" allow="clipboard-write" loading="lazy"></iframe>`,
  ].join('');
  const config = { publicKey: input.publicKey, title: input.chatName, widgetUrl: url };
  const script = [
    `<script>window.chatsWidget = ${jsonForInlineScript(config)};</script>`,
    `<script src="${escapeHtmlAttribute(scriptUrl)}" async></script>`,
  ].join('\n');
  return { widgetUrl: url, scriptUrl, iframe, script };
}
