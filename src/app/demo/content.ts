// What the demo data says: chats, bot rules, client phrases and operator replies. Phrases repeat
// on purpose (with small spelling variations) so that the "Popular phrases" report has something
// to count; a few carry numbers so there is also a long tail of unique phrases.
export type Language = 'en' | 'ru';

// The shape src/domain/bot-rules.ts parses; the demo patterns are regular expressions.
export interface BotRule { pattern: string; kind: 'regex'; answer: string; markers: string[]; transfer: boolean }

export interface DemoPage { path: string; title: string }

export interface DemoChatDefinition {
  name: string;
  allowedOrigins: string[];
  greeting: string;
  botRules: BotRule[];
  fallbackAnswer: string;
  priceWeb: string;
  priceFacebook: string;
  currency: string;
  language: Language;
  /** Relative share of all dialogues. */
  share: number;
  /** Share of this chat's dialogues that come through Facebook Messenger. */
  facebookShare: number;
  botName: string;
  pages: DemoPage[];
}

export const DEMO_MARKERS = ['lead', 'order', 'delivery', 'complaint', 'refund'] as const;

export const TRANSFER_TEXT = 'Transferred to an operator';

/** The bot's nudge after an answer, in the chat's language. */
export const BOT_ANYTHING_ELSE: Record<Language, string> = { en: 'Is there anything else I can help with?', ru: 'Могу ещё чем-нибудь помочь?' };

/** Patterns are matched case-insensitively, first rule wins; both languages in each pattern. */
const TOPICS = {
  hello: { pattern: '^\\s*(hi|hello|hey|good (morning|afternoon|evening)|привет|здравствуйте|добрый день)[\\s!.,?]*$', markers: [], transfer: false },
  thanks: { pattern: 'thank|спасибо', markers: [], transfer: false },
  operator: { pattern: 'operator|human|real person|agent|оператор|человек', markers: [], transfer: true },
  complaint: { pattern: 'complain|terrible|awful|disappointed|жалоб|ужасн|недовол', markers: ['complaint'], transfer: true },
  refund: { pattern: 'refund|money back|return|возврат|вернуть деньги', markers: ['refund'], transfer: true },
  price: { pattern: 'price|cost|how much|цен|стоит|стоимост', markers: ['lead'], transfer: false },
  delivery: { pattern: 'deliver|shipping|доставк|доставля', markers: ['delivery'], transfer: false },
  order: { pattern: 'order|заказ|book', markers: ['order'], transfer: false },
  hours: { pattern: 'open|hours|weekend|sunday|часы работы|работаете|выходн', markers: [], transfer: false },
} as const;
type Topic = keyof typeof TOPICS;

function rules(answers: Partial<Record<Topic, string>>): BotRule[] {
  return (Object.keys(TOPICS) as Topic[]).filter((topic) => answers[topic]).map((topic) => ({
    pattern: TOPICS[topic].pattern,
    kind: 'regex' as const,
    answer: answers[topic] as string,
    markers: [...TOPICS[topic].markers],
    transfer: TOPICS[topic].transfer,
  }));
}

const EN_COMMON = {
  hello: 'Hello! What can I help you with?',
  thanks: 'You are welcome! Have a nice day.',
  operator: 'Sure, let me connect you with an operator.',
  complaint: 'I am sorry to hear that. An operator will take over right away.',
};

export const DEMO_CHATS: DemoChatDefinition[] = [
  {
    name: 'Online Store', allowedOrigins: ['https://shop.example.com', 'https://www.shop.example.com'],
    greeting: 'Hi! I am the Online Store assistant. Ask me about prices, delivery or your order.',
    botRules: rules({ ...EN_COMMON,
      refund: 'Returns are accepted within 30 days. I will pass you to an operator to arrange it.',
      price: 'Prices are shown on each product page; this week everything in Phones is 10% off.',
      delivery: 'We deliver in 2–4 business days; delivery is free for orders over $50.',
      order: 'You can track your order at https://shop.example.com/orders with your order number.',
      hours: 'Our support team works every day from 9:00 to 21:00.' }),
    fallbackAnswer: 'Sorry, I did not understand. Type "operator" to talk to a person.',
    priceWeb: '0.0200', priceFacebook: '0.0350', currency: 'USD', language: 'en', share: 32, facebookShare: 0.3,
    botName: 'Store Bot',
    pages: [{ path: '/', title: 'Online Store — Home' }, { path: '/catalog/phones', title: 'Phones' },
      { path: '/catalog/laptops', title: 'Laptops' }, { path: '/delivery', title: 'Delivery and payment' },
      { path: '/cart', title: 'Shopping cart' }, { path: '/checkout', title: 'Checkout' }, { path: '/returns', title: 'Returns' }],
  },
  {
    name: 'Поддержка', allowedOrigins: ['https://help.example.ru'],
    greeting: 'Здравствуйте! Я бот поддержки. Спросите о цене, доставке или вашем заказе.',
    botRules: rules({
      hello: 'Здравствуйте! Чем могу помочь?', thanks: 'Пожалуйста! Хорошего дня.',
      operator: 'Соединяю с оператором.', complaint: 'Нам очень жаль. Оператор сейчас подключится.',
      refund: 'Возврат возможен в течение 14 дней. Передаю вас оператору.',
      price: 'Цены указаны в каталоге; на этой неделе скидка 15% на тарифы «Стандарт».',
      delivery: 'Доставка по России занимает 3–7 дней, по Москве — 1 день.',
      order: 'Статус заказа можно посмотреть в личном кабинете по номеру заказа.',
      hours: 'Мы работаем ежедневно с 8:00 до 22:00 по Москве.' }),
    fallbackAnswer: 'Извините, я не понял вопрос. Напишите «оператор», чтобы поговорить с человеком.',
    priceWeb: '1.5000', priceFacebook: '2.5000', currency: 'RUB', language: 'ru', share: 25, facebookShare: 0.15,
    botName: 'Бот поддержки',
    pages: [{ path: '/', title: 'Поддержка — главная' }, { path: '/tarify', title: 'Тарифы' },
      { path: '/dostavka', title: 'Доставка' }, { path: '/vozvrat', title: 'Возврат товара' }, { path: '/kontakty', title: 'Контакты' }],
  },
  {
    name: 'Travel Desk', allowedOrigins: ['https://travel.example.eu'],
    greeting: 'Welcome to Travel Desk! Looking for a trip? Ask me about prices or your booking.',
    botRules: rules({ ...EN_COMMON,
      refund: 'Cancellations are free up to 48 hours before departure. An operator will help you.',
      price: 'Tours start at €390 per person; the price includes flights and hotel.',
      order: 'Your booking details are in the confirmation e-mail; I can pass you to an agent for changes.',
      hours: 'Our travel agents are available Monday to Saturday, 9:00–19:00 CET.' }),
    fallbackAnswer: 'I am not sure about that. Would you like to talk to a travel agent? Type "agent".',
    priceWeb: '0.0250', priceFacebook: '0.0400', currency: 'EUR', language: 'en', share: 18, facebookShare: 0.35,
    botName: 'Travel Bot',
    pages: [{ path: '/', title: 'Travel Desk' }, { path: '/tours/italy', title: 'Tours to Italy' },
      { path: '/tours/spain', title: 'Tours to Spain' }, { path: '/booking', title: 'My booking' }, { path: '/faq', title: 'FAQ' }],
  },
  {
    name: 'Pizza Express', allowedOrigins: ['https://pizza.example.com'],
    greeting: 'Hungry? I can help you order a pizza or check your delivery.',
    botRules: rules({ ...EN_COMMON,
      price: 'A large pizza costs from $12.90; see the menu at https://pizza.example.com/menu.',
      delivery: 'Delivery takes about 40 minutes and is free within the city.',
      order: 'To order, pick a pizza in the menu and press "Order now".',
      hours: 'We are open every day from 10:00 to 23:00.' }),
    fallbackAnswer: 'Sorry, I can only help with the menu, orders and delivery. Type "operator" for anything else.',
    priceWeb: '0.0150', priceFacebook: '0.0300', currency: 'USD', language: 'en', share: 15, facebookShare: 0.4,
    botName: 'Pizza Bot',
    pages: [{ path: '/', title: 'Pizza Express' }, { path: '/menu', title: 'Menu' },
      { path: '/menu/margherita', title: 'Margherita' }, { path: '/delivery', title: 'Delivery zone' }],
  },
  {
    name: 'Bank Help Center', allowedOrigins: ['https://bank.example.com'],
    greeting: 'Hello! I am the virtual assistant of Example Bank. How can I help?',
    botRules: rules({ ...EN_COMMON,
      price: 'Card fees and rates are listed at https://bank.example.com/fees.',
      hours: 'Branches are open Monday to Friday, 9:00–17:00; the hotline works 24/7.' }),
    fallbackAnswer: 'I could not find an answer. Type "operator" to reach a bank specialist.',
    priceWeb: '0.0300', priceFacebook: '0.0300', currency: 'EUR', language: 'en', share: 10, facebookShare: 0,
    botName: 'Bank Assistant',
    pages: [{ path: '/', title: 'Example Bank' }, { path: '/cards', title: 'Cards' },
      { path: '/fees', title: 'Fees and rates' }, { path: '/mortgage', title: 'Mortgage' }],
  },
];

/** Opening client questions by language, with weights (how often people ask that). */
export const CLIENT_QUESTIONS: Record<Language, readonly (readonly [string, number])[]> = {
  en: [
    ['How much does it cost?', 10], ['What is the price?', 7], ['How much is delivery?', 5], ['Do you have any discounts?', 5],
    ['How long does delivery take?', 8], ['Do you deliver to my city?', 4], ['Where is my order?', 9],
    ['I want to place an order', 5], ['Can I change my order?', 3], ['My order number is #', 4],
    ['I want a refund', 4], ['How do I return an item?', 3], ['Can I get my money back?', 2],
    ['This is terrible service', 2], ['I am very disappointed', 2], ['I want to file a complaint', 1],
    ['Can I talk to a human?', 5], ['operator please', 4], ['I need a real person', 2],
    ['What are your opening hours?', 4], ['Are you open on Sunday?', 2], ['Hi', 6], ['Hello', 5],
    ['Do you have this in blue?', 2], ['Can I pay with PayPal?', 3], ['Is there a warranty?', 2], ['Do you have a mobile app?', 1],
  ],
  ru: [
    ['Сколько стоит?', 10], ['Какая цена?', 6], ['Сколько стоит доставка?', 5], ['Есть скидки?', 4],
    ['Когда будет доставка?', 7], ['Доставляете в Казань?', 3], ['Где мой заказ?', 9], ['Хочу сделать заказ', 5],
    ['Как отменить заказ?', 3], ['Номер заказа #', 4], ['Хочу вернуть деньги', 3], ['Как оформить возврат?', 3],
    ['Ужасное обслуживание', 2], ['Хочу оставить жалобу', 2], ['Позовите оператора', 5], ['Можно поговорить с человеком?', 3],
    ['Часы работы?', 3], ['Вы работаете в выходные?', 2], ['Привет', 5], ['Здравствуйте', 6],
    ['Есть гарантия?', 2], ['Можно оплатить картой?', 3],
  ],
};

export const CLIENT_FOLLOW_UPS: Record<Language, readonly string[]> = {
  en: ['Thank you!', 'Ok, thanks', 'When exactly?', 'My order number is #', 'Can you check again?', 'Great', 'That does not help'],
  ru: ['Спасибо!', 'Понятно, спасибо', 'А когда точно?', 'Номер заказа #', 'Проверьте ещё раз, пожалуйста', 'Отлично'],
};

export const CLIENT_THANKS: Record<Language, readonly string[]> = { en: ['Thanks!', 'Thank you', 'thanks'], ru: ['Спасибо!', 'спасибо'] };

export const CLIENT_WAITING: Record<Language, readonly string[]> = {
  en: ['Hello? Is anyone there?', 'Still waiting...', 'Hello?'],
  ru: ['Алло, есть кто-нибудь?', 'Я всё ещё жду', 'Ау?'],
};

export const OPERATOR_GREETINGS: Record<Language, string> = {
  en: 'Hello, this is {name}. How can I help you?',
  ru: 'Здравствуйте, меня зовут {name}. Чем могу помочь?',
};

export const OPERATOR_REPLIES: Record<Language, readonly string[]> = {
  en: ['Let me check that for you.', 'Your order is on its way and should arrive tomorrow.',
    'I have issued a refund; it takes 3–5 business days.', 'Sorry for the inconvenience, I have passed this to our team.',
    'Could you send me your order number, please?', 'Is there anything else I can help with?', 'Done! You will get an e-mail shortly.'],
  ru: ['Сейчас проверю.', 'Ваш заказ в пути, доставим завтра.', 'Оформила возврат, деньги придут в течение 3–5 дней.',
    'Приносим извинения, я передала вопрос коллегам.', 'Подскажите, пожалуйста, номер заказа.', 'Могу ещё чем-то помочь?'],
};

export interface DemoOperator { email: string; name: string; language: Language }

export const DEMO_OPERATORS: DemoOperator[] = [
  { email: 'operator1@example.com', name: 'John Carter', language: 'en' },
  { email: 'operator2@example.com', name: 'Anna Smirnova', language: 'ru' },
  { email: 'operator3@example.com', name: 'Maria Garcia', language: 'en' },
  { email: 'operator4@example.com', name: 'Ivan Petrov', language: 'ru' },
];
export const DEMO_OPERATOR_PASSWORD = 'operator123';
export const DEMO_VIEWER = { email: 'viewer@example.com', name: 'Demo Viewer', password: 'viewer123' };
