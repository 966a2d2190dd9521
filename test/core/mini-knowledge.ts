/** A small knowledge base written in code, so core tests do not move when the sample content is edited. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { messagesFileSchema } from '../../src/config/knowledge-schema';
import { parseLocated } from '../../src/config/parse-located';
import type { FaqEntry, Intent, Knowledge } from '../../src/core/knowledge/knowledge';

const messagesFile = path.join(__dirname, '../../knowledge/messages.yaml');
const messages = parseLocated(
  { file: 'knowledge/messages.yaml', text: readFileSync(messagesFile, 'utf8') },
  messagesFileSchema,
);

const faq = (
  id: string,
  questions: FaqEntry['questions'],
  answers: FaqEntry['answers'],
  extra: Partial<FaqEntry> = {},
): FaqEntry => ({
  id,
  tags: [],
  followUps: [],
  questions,
  answers,
  source: `test/${id}.md`,
  ...extra,
});

const intent = (
  id: string,
  action: Intent['action'],
  utterances: Intent['utterances'],
  responses: Intent['responses'] = {},
  tags: string[] = [],
): Intent => ({
  id,
  action,
  tags,
  utterances,
  responses,
  source: `test/${id}.yaml`,
});

export const miniKnowledge: Knowledge = {
  faqs: [
    faq(
      'warranty-period',
      {
        en: [
          'How long is the warranty?',
          'What is the warranty period?',
          'How many months of warranty do I get?',
        ],
        fa: ['گارانتی محصول چقدر است؟', 'مدت گارانتی چند ماه است؟'],
        sr: ['Колико траје гаранција?', 'Колики је гарантни рок?'],
        vi: ['Thời gian bảo hành là bao lâu?', 'Bảo hành mấy tháng?'],
      },
      {
        en: 'Most products carry a **24-month** warranty.',
        fa: 'بیشتر محصولات **۲۴ ماه** گارانتی دارند.',
        sr: 'Већина производа има гаранцију од **24 месеца**.',
        vi: 'Hầu hết sản phẩm được bảo hành **24 tháng**.',
      },
      { followUps: ['return-policy'] },
    ),
    faq(
      'return-policy',
      {
        en: [
          'Can I return a product?',
          'How do I return an item I bought?',
          'What is your return policy?',
        ],
      },
      { en: 'You can return a product within 14 days.' },
    ),
    faq(
      'warranty-claim',
      { en: ['How do I make a warranty claim?', 'What documents do I need for a warranty claim?'] },
      { en: 'Bring the invoice and the warranty card.' },
    ),
    faq(
      'electric-shock',
      { en: ['I got an electric shock from the washing machine', 'The appliance shocked me'] },
      { en: 'Unplug the appliance and do not touch it.' },
      { tags: ['safety'] },
    ),
  ],
  intents: [
    intent(
      'greeting',
      'reply',
      { en: ['hello', 'hi there', 'good morning'] },
      { en: 'Hello! How can I help?' },
    ),
    intent(
      'capabilities',
      'reply',
      { en: ['what can you do', 'help'] },
      { en: 'I answer questions about warranty and returns.' },
    ),
    intent(
      'ask-human',
      'handoff',
      { en: ['I want to talk to a person', 'operator please', 'real human agent'] },
      { en: 'Passing you on.' },
    ),
    intent('branch-lookup', 'branch-lookup', {
      en: [
        'What is the phone number of the repair centre?',
        'which branch should I call',
        'branch phone numbers',
      ],
    }),
    intent(
      'complaint',
      'complaint',
      { en: ['I want to file a complaint', 'this is unacceptable'] },
      { en: 'I am sorry to hear that.' },
    ),
  ],
  branches: [
    {
      id: 'head-office',
      kind: 'head-office',
      name: { en: 'Head Office', fa: 'دفتر مرکزی' },
      aliases: ['headquarters'],
      phone: '021-66097851',
      address: {},
      hours: { en: 'Sat–Wed 08:00–17:00' },
      services: [],
    },
    {
      id: 'repair-centre',
      kind: 'repair-centre',
      name: { en: 'Repair Centre', fa: 'مرکز تعمیرات' },
      aliases: ['repair centre', 'repair center'],
      phone: '021-66097859',
      address: {},
      hours: {},
      services: ['repair'],
    },
  ],
  messages,
};
