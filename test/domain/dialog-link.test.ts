import { dialogLink, dialogRecordsUrl } from '../../src/domain/dialog-link.js';

const ID = '5f0c6a8e-8a0e-4a47-9a57-2f9b1c1d2e3f';

describe('dialogue links', () => {
  it('is absolute with a public URL, a path without one', () => {
    expect(dialogLink(dialogRecordsUrl('https://chats.example', '/admin'), ID)).toBe(`https://chats.example/admin/resources/Dialog/records/${ID}/show`);
    expect(dialogLink(dialogRecordsUrl(undefined, '/admin'), ID)).toBe(`/admin/resources/Dialog/records/${ID}/show`);
  });

  it('joins a base URL with a path prefix and trailing slashes without doubling them', () => {
    expect(dialogRecordsUrl('https://example.com/support/', '/admin/')).toBe('https://example.com/support/admin/resources/Dialog/records');
    expect(dialogRecordsUrl('https://example.com', '/')).toBe('https://example.com/resources/Dialog/records');
    expect(dialogLink('https://example.com/admin/resources/Dialog/records/', ID)).toBe(`https://example.com/admin/resources/Dialog/records/${ID}/show`);
  });

  it('escapes an id that is not a plain UUID', () => {
    expect(dialogLink('/admin/resources/Dialog/records', 'a/b?c')).toBe('/admin/resources/Dialog/records/a%2Fb%3Fc/show');
  });
});
