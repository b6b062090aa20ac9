// The Messenger Send API client: one text message to one person (PSID) on behalf of a page.
//   POST {graphBaseUrl}/{apiVersion}/{pageId}/messages
//   { recipient: { id }, messaging_type: 'RESPONSE', message: { text } }
// The page token goes in the Authorization header rather than the `access_token` query parameter
// (the Graph API takes both), so it never appears in URLs that proxies and error messages log.
// Failures are classified so the delivery worker knows whether trying again can help.
import { createHmac } from 'node:crypto';

export interface SendTextInput {
  /** "https://graph.facebook.com", or a local fake in tests; no trailing slash needed. */
  graphBaseUrl: string;
  /** "v21.0" */
  apiVersion: string;
  pageId: string;
  pageToken: string;
  recipientPsid: string;
  text: string;
  /**
   * The Meta app secret: when given, `appsecret_proof` (HMAC of the token) is sent, which apps with
   * "Require app secret" switched on demand, and which is harmless otherwise.
   */
  appSecret?: string;
  timeoutMs?: number;
}

export interface SendTextResult { messageId: string | null; recipientId: string | null }

export class SendApiError extends Error {
  constructor(
    message: string,
    /** True when the same request may succeed later (network, 5xx, rate limits, transient codes). */
    readonly retryable: boolean,
    readonly status: number | null = null,
    readonly code: number | null = null,
  ) {
    super(message);
    this.name = 'SendApiError';
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;
// Graph error codes that mean "not now" rather than "never": 1 unknown, 2 service unavailable,
// 4 app rate limit, 17 user rate limit, 32 page rate limit, 341 temporary limit, 613 call rate.
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);
const MAX_ERROR_LENGTH = 1000;

interface GraphError { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; fbtrace_id?: string }

export async function sendText(input: SendTextInput): Promise<SendTextResult> {
  const url = new URL(`${input.graphBaseUrl.replace(/\/+$/, '')}/${input.apiVersion}/${encodeURIComponent(input.pageId)}/messages`);
  if (input.appSecret) url.searchParams.set('appsecret_proof', createHmac('sha256', input.appSecret).update(input.pageToken).digest('hex'));
  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${input.pageToken}` },
      body: JSON.stringify({ recipient: { id: input.recipientPsid }, messaging_type: 'RESPONSE', message: { text: input.text } }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = (error as Error).name;
    const reason = name === 'TimeoutError' || name === 'AbortError'
      ? `no answer within ${timeoutMs / 1000} s`
      : describeNetworkError(error as Error);
    throw new SendApiError(`Send API unreachable: ${reason}`, true);
  }
  let body: unknown = null;
  const raw = await response.text().catch(() => '');
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    // a proxy's HTML error page: the status alone decides
  }
  if (response.ok) {
    const ok = (body ?? {}) as { message_id?: unknown; recipient_id?: unknown };
    return {
      messageId: typeof ok.message_id === 'string' ? ok.message_id : null,
      recipientId: typeof ok.recipient_id === 'string' ? ok.recipient_id : null,
    };
  }
  throw classify(response.status, (body as { error?: GraphError } | null)?.error, raw);
}

/** Retryable: 5xx, 429 and transient Graph codes; everything else (bad token, outside the 24 h window, blocked) is final. */
export function classify(status: number, error: GraphError | undefined, raw = ''): SendApiError {
  const code = typeof error?.code === 'number' ? error.code : null;
  const retryable = status >= 500 || status === 429 || error?.is_transient === true || (code !== null && TRANSIENT_CODES.has(code));
  const detail = error?.message ?? (raw.trim().slice(0, 200) || 'no error details');
  const codes = code === null ? '' : ` (code ${code}${error?.error_subcode ? `/${error.error_subcode}` : ''})`;
  const message = `HTTP ${status}${codes}: ${detail}`;
  return new SendApiError(message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message, retryable, status, code);
}

function describeNetworkError(error: Error): string {
  // undici puts the system error (ECONNREFUSED, ENOTFOUND...) in `cause`
  const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
