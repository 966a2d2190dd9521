/**
 * The texts of the warranty dialog, in knowledge/warranty/messages.yaml, and the placeholders
 * each may use. The loader rejects a missing key or an unknown placeholder (a typo such as
 * {untill}), so a broken text never reaches a customer.
 */

const reasonCodes = [
  'unknown-serial',
  'unknown-model',
  'serial-mismatch',
  'purchase-in-future',
  'manufacturer-from-purchase',
  'manufacturer-from-delivery',
  'no-delivery-date',
  'statutory',
  'plan',
  'plan-late',
  'plan-not-for-category',
  'plan-not-started',
  'unknown-plan',
  'part',
  'part-expired',
  'expired',
  'excluded',
  'unknown-issue',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

const reasonPlaceholders: Readonly<Record<ReasonCode, readonly string[]>> = {
  'unknown-serial': ['serial'],
  'unknown-model': ['model'],
  'serial-mismatch': ['serial', 'model', 'example'],
  'purchase-in-future': ['purchaseDate'],
  'manufacturer-from-purchase': ['category', 'months', 'start', 'until'],
  'manufacturer-from-delivery': ['category', 'months', 'start', 'until'],
  'no-delivery-date': ['purchaseDate'],
  statutory: ['region', 'months', 'until'],
  plan: ['plan', 'months', 'until'],
  'plan-late': ['plan', 'boughtOn', 'deadline'],
  'plan-not-for-category': ['plan', 'category'],
  'plan-not-started': ['plan', 'boughtOn'],
  'unknown-plan': ['plan'],
  part: ['part', 'months', 'until'],
  'part-expired': ['part', 'until'],
  expired: ['until'],
  excluded: ['exclusion'],
  'unknown-issue': ['issue'],
};

const dialogPlaceholders = {
  'ask-serial': ['example', 'orderExample'],
  'reask-serial': ['example', 'orderExample'],
  'unknown-order': ['order'],
  'your-units': ['units'],
  'owned-unit': ['model', 'purchaseDate'],
  'other-unit': ['example', 'orderExample'],
  'too-many-attempts': [],
  'unknown-serial': ['serial'],
  covered: ['model', 'serial', 'until', 'daysLeft'],
  'covered-last-day': ['model', 'serial', 'until'],
  'covered-part': ['part', 'model', 'serial', 'until', 'daysLeft'],
  costs: ['costs'],
  'cost-parts': [],
  'cost-labour': [],
  'cost-onSite': [],
  'maintenance-discount': ['percent'],
  'maintenance-free': ['visits'],
  proof: ['documents'],
  transfer: [],
  'not-covered': ['model', 'serial', 'until'],
  'not-covered-part': ['part', 'model', 'serial', 'until'],
  excluded: ['model', 'serial'],
  'needs-check': ['serial'],
  options: [],
  'option-paid-repair': [],
  'option-plan-available': ['plans', 'deadline'],
  'option-plan-maintenance': ['plans', 'months'],
  'option-branch': ['branch', 'phone', 'hours'],
} as const satisfies Record<string, readonly string[]>;

export type DialogMessageKey = keyof typeof dialogPlaceholders;
export type WarrantyMessageKey = DialogMessageKey | `reason-${ReasonCode}`;

/** Every key of messages.yaml with the placeholders its texts may use. */
export const warrantyMessagePlaceholders: Readonly<Record<WarrantyMessageKey, readonly string[]>> =
  {
    ...dialogPlaceholders,
    ...(Object.fromEntries(
      reasonCodes.map((code) => [`reason-${code}`, reasonPlaceholders[code]]),
    ) as Record<`reason-${ReasonCode}`, readonly string[]>),
  };

export const warrantyMessageKeys = Object.keys(warrantyMessagePlaceholders) as WarrantyMessageKey[];

/**
 * How a placeholder's value is shown: dates in the customer's calendar, `months` and `days` as
 * durations with the locale's plural ("1 day", "21 days"), ids by their localized name.
 */
export type ParamKind =
  | 'date'
  | 'number'
  | 'months'
  | 'days'
  | 'category'
  | 'part'
  | 'plan'
  | 'region'
  | 'exclusion'
  | 'text';

export const paramKinds: Readonly<Record<string, ParamKind>> = {
  until: 'date',
  start: 'date',
  purchaseDate: 'date',
  boughtOn: 'date',
  deadline: 'date',
  months: 'months',
  daysLeft: 'days',
  percent: 'number',
  visits: 'number',
  category: 'category',
  part: 'part',
  plan: 'plan',
  region: 'region',
  exclusion: 'exclusion',
};
