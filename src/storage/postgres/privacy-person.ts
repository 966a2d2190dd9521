/**
 * Who a privacy request is about, on PostgreSQL: the same resolution as SQLite's
 * (src/storage/sqlite/privacy-person.ts): the customer records, every channel identity of the
 * person (linked ids; a phone number is also their id on sms and voice), their conversations and
 * tickets, including any ticket of one of their conversations.
 */
import type { PersonSelector } from '../../core/privacy/ports';
import type { Identity, ResolvedPerson } from '../sqlite/privacy-person';
import { phoneKey } from '../sqlite/unit-store';
import type { Queryable } from './async-port';

/** The Twilio channels, where a customer's id is their phone number (E.164). */
const phoneChannels = ['sms', 'voice'];

export async function resolvePostgresPerson(
  db: Queryable,
  selector: PersonSelector,
): Promise<ResolvedPerson> {
  const customerIds = new Set<number>();
  const identities = new Map<string, Identity>();
  const addIdentity = (channel: string, userId: string): void => {
    identities.set(`${channel}\u0000${userId}`, { channel, userId });
  };
  const addPhone = (phone: string | null): void => {
    if (phone) for (const channel of phoneChannels) addIdentity(channel, phone);
  };
  const addCustomers = (rows: { id: number }[]): void => {
    for (const row of rows) customerIds.add(row.id);
  };
  if (selector.kind === 'customer') {
    addCustomers(
      (
        await db.query<{ id: number }>('SELECT id FROM customers WHERE id = $1', [
          selector.customerId,
        ])
      ).rows,
    );
  } else if (selector.kind === 'phone') {
    const key = phoneKey(selector.phone);
    addPhone(key);
    addCustomers(
      (await db.query<{ id: number }>('SELECT id FROM customers WHERE phone_key = $1', [key])).rows,
    );
  } else {
    addIdentity(selector.channel, selector.userId);
    addCustomers(
      (
        await db.query<{ id: number }>(
          'SELECT customer_id AS id FROM customer_channels WHERE channel = $1 AND channel_user_id = $2',
          [selector.channel, selector.userId],
        )
      ).rows,
    );
  }
  for (const id of [...customerIds].sort((a, b) => a - b)) {
    const channels = await db.query<{ channel: string; user_id: string }>(
      'SELECT channel, channel_user_id AS user_id FROM customer_channels WHERE customer_id = $1',
      [id],
    );
    for (const row of channels.rows) addIdentity(row.channel, row.user_id);
    const phone = await db.query<{ phone_key: string | null }>(
      'SELECT phone_key FROM customers WHERE id = $1',
      [id],
    );
    addPhone(phone.rows[0]?.phone_key ?? null);
  }

  const conversations = new Map<string, { channel: string; conversationId: string }>();
  const ticketIds = new Set<number>();
  const addConversation = (channel: string, conversationId: string): void => {
    conversations.set(`${channel}\u0000${conversationId}`, { channel, conversationId });
  };
  for (const identity of identities.values()) {
    const own = await db.query<{ channel: string; conversation_id: string }>(
      'SELECT channel, conversation_id FROM conversations WHERE channel = $1 AND user_id = $2',
      [identity.channel, identity.userId],
    );
    for (const row of own.rows) addConversation(row.channel, row.conversation_id);
    const tickets = await db.query<{ id: number; channel: string; conversation_id: string }>(
      'SELECT id, channel, conversation_id FROM tickets WHERE channel = $1 AND user_id = $2 ORDER BY id',
      [identity.channel, identity.userId],
    );
    for (const row of tickets.rows) {
      ticketIds.add(row.id);
      addConversation(row.channel, row.conversation_id);
    }
  }
  // A ticket of one of the person's conversations is theirs, whoever the ticket names.
  for (const key of conversations.values()) {
    const tickets = await db.query<{ id: number }>(
      'SELECT id FROM tickets WHERE channel = $1 AND conversation_id = $2 ORDER BY id',
      [key.channel, key.conversationId],
    );
    for (const row of tickets.rows) ticketIds.add(row.id);
  }
  return {
    customerIds: [...customerIds],
    identities: [...identities.values()],
    conversations: [...conversations.values()],
    ticketIds: [...ticketIds],
  };
}
