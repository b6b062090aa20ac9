// Texts of the chat window in the two languages of the product. The page is rendered in the
// browser's preferred language (Accept-Language); the loader picks its few texts itself.
export type WidgetLanguage = 'en' | 'ru';

export interface WidgetStrings {
  chatLabel: string;
  messages: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  close: string;
  you: string;
  bot: string;
  operator: string;
  connecting: string;
  reconnecting: string;
  waitingForOperator: string;
  closed: string;
  sending: string;
  notSent: string;
  tooLong: string;
  rateLimited: string;
}

export const WIDGET_STRINGS: Record<WidgetLanguage, WidgetStrings> = {
  en: {
    chatLabel: 'Chat',
    messages: 'Messages',
    messageLabel: 'Your message',
    placeholder: 'Type a message…',
    send: 'Send',
    close: 'Close chat',
    you: 'You',
    bot: 'Bot',
    operator: 'Operator',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    waitingForOperator: 'An operator will join the chat shortly.',
    closed: 'This chat has ended. Send a message to start a new one.',
    sending: 'Sending…',
    notSent: 'Not sent',
    tooLong: 'The message is too long.',
    rateLimited: 'Too many messages. Please wait a moment.',
  },
  ru: {
    chatLabel: 'Чат',
    messages: 'Сообщения',
    messageLabel: 'Ваше сообщение',
    placeholder: 'Введите сообщение…',
    send: 'Отправить',
    close: 'Закрыть чат',
    you: 'Вы',
    bot: 'Бот',
    operator: 'Оператор',
    connecting: 'Подключение…',
    reconnecting: 'Связь потеряна. Переподключаемся…',
    waitingForOperator: 'Оператор скоро подключится к чату.',
    closed: 'Чат завершён. Напишите сообщение, чтобы начать новый.',
    sending: 'Отправляется…',
    notSent: 'Не отправлено',
    tooLong: 'Сообщение слишком длинное.',
    rateLimited: 'Слишком много сообщений. Подождите немного.',
  },
};
