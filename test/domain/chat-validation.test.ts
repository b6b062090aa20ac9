import { CHAT_ERROR_KEYS, validateChatInput, validateFacebookForm } from '../../src/domain/chat-validation.js';
import { translations } from '../../src/admin/locale/index.js';

describe('chat form validation', () => {
  it('accepts and normalizes a valid form', () => {
    const { values, errors } = validateChatInput({
      name: '  Shop  ',
      allowedOrigins: ['https://Shop.example.com/', '', 'https://shop.example.com', 'http://localhost:8080'],
      priceWeb: '0,05',
      priceFacebook: 1.25,
      currency: 'eur',
      greeting: 'Hi',
      fallbackAnswer: '  ',
      inactivityTimeoutMinutes: '45',
    }, 'create');
    expect(errors).toEqual({});
    expect(values).toEqual({
      name: 'Shop',
      allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'],
      priceWeb: '0.05',
      priceFacebook: '1.25',
      currency: 'EUR',
      greeting: 'Hi',
      fallbackAnswer: null,
      inactivityTimeoutMinutes: 45,
    });
  });

  it('requires the name on create and when present on update', () => {
    expect(validateChatInput({}, 'create').errors).toEqual({ name: 'nameRequired' });
    expect(validateChatInput({ name: '   ' }, 'update').errors).toEqual({ name: 'nameRequired' });
    expect(validateChatInput({ currency: 'USD' }, 'update').errors).toEqual({});
  });

  it('limits the name to 200 characters', () => {
    expect(validateChatInput({ name: 'x'.repeat(200) }, 'create').errors).toEqual({});
    expect(validateChatInput({ name: 'x'.repeat(201) }, 'create').errors).toEqual({ name: 'nameTooLong' });
  });

  it('marks each bad origin and the list', () => {
    const { errors } = validateChatInput({ name: 'a', allowedOrigins: ['https://ok.com', 'ok.com', 'https://x.com/path'] }, 'create');
    expect(errors).toEqual({ allowedOrigins: 'originsInvalid', 'allowedOrigins.1': 'originInvalid', 'allowedOrigins.2': 'originInvalid' });
    expect(validateChatInput({ name: 'a', allowedOrigins: { a: 1 } }, 'create').errors).toEqual({ allowedOrigins: 'originsInvalid' });
  });

  it('checks prices, currency and the inactivity timeout', () => {
    const { errors } = validateChatInput({
      name: 'a', priceWeb: '-1', priceFacebook: '0.00001', currency: 'US', inactivityTimeoutMinutes: '1.5',
    }, 'create');
    expect(errors).toEqual({ priceWeb: 'priceNegative', priceFacebook: 'priceInvalid', currency: 'currencyInvalid', inactivityTimeoutMinutes: 'timeoutInvalid' });
    expect(validateChatInput({ name: 'a', priceWeb: '12345678901' }, 'create').errors).toEqual({ priceWeb: 'priceInvalid' });
    expect(validateChatInput({ name: 'a', priceWeb: 'abc', currency: 'US1' }, 'create').errors).toEqual({ priceWeb: 'priceInvalid', currency: 'currencyInvalid' });
    for (const bad of ['0', '-5', '10081', 'ten', true]) {
      expect(validateChatInput({ name: 'a', inactivityTimeoutMinutes: bad }, 'create').errors).toEqual({ inactivityTimeoutMinutes: 'timeoutInvalid' });
    }
    expect(validateChatInput({ name: 'a', priceWeb: '0', inactivityTimeoutMinutes: 10080 }, 'create').errors).toEqual({});
  });

  it('takes a retention period of 1 to 3650 whole days, and an empty one as "kept forever"', () => {
    expect(validateChatInput({ retentionDays: ' 90 ' }, 'update')).toEqual({ values: { retentionDays: 90 }, errors: {} });
    expect(validateChatInput({ retentionDays: 3650 }, 'update').values).toEqual({ retentionDays: 3650 });
    expect(validateChatInput({ retentionDays: '1' }, 'update').values).toEqual({ retentionDays: 1 });
    expect(validateChatInput({ retentionDays: '' }, 'update')).toEqual({ values: { retentionDays: null }, errors: {} });
    expect(validateChatInput({ retentionDays: null }, 'update').values).toEqual({ retentionDays: null });
    expect(validateChatInput({ name: 'a' }, 'update').values).toEqual({ name: 'a' }); // absent: unchanged
    for (const bad of ['0', '3651', '-1', '1.5', '30 days', '1e3', true, ['30']]) {
      expect(validateChatInput({ retentionDays: bad }, 'update').errors).toEqual({ retentionDays: 'retentionInvalid' });
    }
  });

  it('treats empty optional values as not given', () => {
    expect(validateChatInput({ name: 'a', priceWeb: '', currency: '', inactivityTimeoutMinutes: '' }, 'create')).toEqual({ values: { name: 'a' }, errors: {} });
  });

  it('rejects values that are not text', () => {
    expect(validateChatInput({ name: ['a'], greeting: { x: 1 } }, 'create').errors).toEqual({ name: 'valueInvalid', greeting: 'valueInvalid' });
  });
});

describe('Facebook form validation', () => {
  const complete = { pageId: '1234567890', pageName: 'Shop page', pageAccessToken: 'EAAB-token', appSecret: '0123456789abcdef' };

  it('accepts a complete form', () => {
    expect(validateFacebookForm(complete, false)).toEqual({ values: complete, errors: {} });
  });

  it('requires secrets for a new connection only', () => {
    const form = { pageId: '1', pageName: 'p', pageAccessToken: '', appSecret: ' ' };
    expect(validateFacebookForm(form, false).errors).toEqual({ pageAccessToken: 'pageTokenRequired', appSecret: 'appSecretRequired' });
    expect(validateFacebookForm(form, true)).toEqual({ values: { pageId: '1', pageName: 'p' }, errors: {} });
  });

  it('checks the page id, name and secret shape', () => {
    expect(validateFacebookForm({ ...complete, pageId: 'my-page', pageName: '', appSecret: 'has space' }, false).errors)
      .toEqual({ pageId: 'pageIdInvalid', pageName: 'pageNameRequired', appSecret: 'secretInvalid' });
  });
});

describe('validation messages', () => {
  it('has an English and a Russian text for every key', () => {
    for (const language of ['en', 'ru'] as const) {
      const messages = (translations[language] as { resources: { Chat: { messages: Record<string, string> } } }).resources.Chat.messages;
      for (const key of CHAT_ERROR_KEYS) expect([language, key, typeof messages[key]]).toEqual([language, key, 'string']);
    }
  });
});
