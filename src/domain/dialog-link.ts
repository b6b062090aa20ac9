// The link to a dialogue that users copy and send to technical support (PRODUCT.md, "Copy link"),
// and that the session reports put in their Link column: the dialogue's Show page in the admin,
// `<public URL><rootPath>/resources/Dialog/records/<session id>/show`. Opening it asks for login,
// then shows the dialogue (src/http/return-after-login.ts).
//
// A report job stores the part before the id (`dialogRecordsUrl`) when it is requested, because
// the worker that writes the rows later has no request to take a base URL from.

/** `<baseUrl><rootPath>/resources/Dialog/records`; without a base URL, a path the browser resolves. */
export function dialogRecordsUrl(baseUrl: string | undefined, rootPath: string): string {
  const base = (baseUrl ?? '').replace(/\/+$/, '');
  return `${base}${rootPath.replace(/\/+$/, '')}/resources/Dialog/records`;
}

/** The dialogue's Show page under `recordsUrl` (from dialogRecordsUrl; a trailing slash is tolerated). */
export function dialogLink(recordsUrl: string, dialogId: string): string {
  const base = recordsUrl.endsWith('/') ? recordsUrl.replace(/\/+$/, '') : recordsUrl;
  return `${base}/${encodeURIComponent(dialogId)}/show`;
}
