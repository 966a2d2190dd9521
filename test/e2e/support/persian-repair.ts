/**
 * The service-case end-to-end tests' customer: Nova 12 phones on the warranty records, and a
 * Persian customer on Telegram who books the repair of one that fell in water.
 */
import type { HandoffWorld } from '../../core/handoff/support/e2e';
import { createSqliteUnitStore } from '../../../src/storage/sqlite/unit-store';

/** Nova 12 phones bought 5 January 2026, serials `NV122601<n>` (written NV12-2601-<n>). */
export async function importPhones(world: HandoffWorld, numbers: readonly number[]): Promise<void> {
  await createSqliteUnitStore(world.app.db).importUnits(
    numbers.map((n, index) => ({
      line: index + 2,
      unit: {
        serial: `NV122601${n}`,
        orderNumber: null,
        model: 'nova-12',
        purchaseDate: '2026-01-05',
        deliveryDate: null,
        region: null,
        plans: [],
        exclusions: [],
      },
      customer: null,
    })),
    { at: world.clock.now() },
  );
}

/** The first button of the bot's last message to the chat that has buttons. */
export function firstButton(world: HandoffWorld, chatId: number): string {
  const message = world.telegram
    .sentMessages()
    .filter((sent) => sent.chat.id === chatId && sent.reply_markup !== undefined)
    .at(-1);
  const label = message?.reply_markup?.inline_keyboard[0]?.[0]?.text;
  if (label === undefined) throw new Error(`no buttons sent to chat ${chatId}`);
  return label;
}

/** A Persian customer books the repair of a phone that fell in water; resolves to the case number. */
export async function bookPersianRepair(
  world: HandoffWorld,
  chatId: number,
  serial: string,
): Promise<string> {
  await world.customerSays('گوشیم افتاد تو آب', chatId);
  await world.customerSays(serial, chatId);
  await world.customerSays('اسلامشهر', chatId);
  await world.customerPresses(firstButton(world, chatId), chatId);
  const booked = world.telegramTexts(chatId).at(-1) ?? '';
  const number = /R-\d{4}-\d{4}/.exec(booked)?.[0];
  if (number === undefined) throw new Error(`no case number in "${booked}"`);
  return number;
}
