/** What bench/load.ts posts and bench/turn-cpu.ts hands to the app: one question after another, six languages. */
export const QUESTIONS = [
  'How long is the warranty on a washing machine?',
  'what are your opening hours',
  'گارانتی لپ تاپ چند ساله است؟',
  'Thời gian bảo hành máy giặt là bao lâu?',
  'Πόσο διαρκεί η εγγύηση;',
  'Колико траје гаранција?',
  'koliko traje garancija',
  'உத்தரவாதம் எவ்வளவு காலம்?',
  'Can I return a product I bought last week?',
  'I want to talk to a person',
];

/** The language of each of QUESTIONS, in order (for timing the matcher alone). */
export const QUESTION_LOCALES = ['en', 'en', 'fa', 'vi', 'el', 'sr', 'sr', 'ta', 'en', 'en'];
