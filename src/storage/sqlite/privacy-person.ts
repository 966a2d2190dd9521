/**
 * Who a privacy request is about, resolved against the tables: the customer records, every
 * channel identity of the person (a customer's linked ids; a phone number is also the person's
 * id on the sms and voice channels) and every conversation those identities had.
 */
import type { PersonSelector } from '../../core/privacy/ports';
import type { SqliteDatabase } from './open-database';
import { phoneKey } from './unit-store';

export interface Identity {
  readonly channel: string;
  readonly userId: string;
}

export interface ResolvedPerson {
  readonly customerIds: readonly number[];
  readonly identities: readonly Identity[];
  readonly conversations: readonly { readonly channel: string; readonly conversationId: string }[];
  readonly ticketIds: readonly number[];
}

/** The Twilio channels, where a customer's id is their phone number (E.164). */
const phoneChannels = ['sms', 'voice'];

export function resolvePerson(db: SqliteDatabase, selector: PersonSelector): ResolvedPerson {
  const customerIds = new Set<number>();
  const identities = new Map<string, Identity>();
  const addIdentity = (channel: string, userId: string): void => {
    identities.set(`${channel}\u0000${userId}`, { channel, userId });
  };
  const addPhone = (phone: string | null): void => {
    if (phone) for (const channel of phoneChannels) addIdentity(channel, phone);
  };
  if (selector.kind === 'customer') {
    if (db.prepare('SELECT 1 FROM customers WHERE id = ?').get(selector.customerId))
      customerIds.add(selector.customerId);
  } else if (selector.kind === 'phone') {
    const key = phoneKey(selector.phone);
    addPhone(key);
    const rows = db.prepare('SELECT id FROM customers WHERE phone_key = ?').all(key) as {
      id: number;
    }[];
    for (const row of rows) customerIds.add(row.id);
  } else {
    addIdentity(selector.channel, selector.userId);
    const rows = db
      .prepare(
        'SELECT customer_id AS id FROM customer_channels WHERE channel = ? AND channel_user_id = ?',
      )
      .all(selector.channel, selector.userId) as { id: number }[];
    for (const row of rows) customerIds.add(row.id);
  }
  const channelsOf = db.prepare(
    'SELECT channel, channel_user_id AS userId FROM customer_channels WHERE customer_id = ?',
  );
  const phoneOf = db.prepare('SELECT phone_key FROM customers WHERE id = ?');
  for (const id of customerIds) {
    for (const row of channelsOf.all(id) as Identity[]) addIdentity(row.channel, row.userId);
    addPhone((phoneOf.get(id) as { phone_key: string | null }).phone_key);
  }

  const conversations = new Map<string, { channel: string; conversationId: string }>();
  const ticketIds = new Set<number>();
  const conversationsOf = db.prepare(
    'SELECT channel, conversation_id AS conversationId FROM conversations WHERE channel = ? AND user_id = ?',
  );
  const ticketsOf = db.prepare(
    'SELECT id, channel, conversation_id AS conversationId FROM tickets WHERE channel = ? AND user_id = ?',
  );
  const addConversation = (channel: string, conversationId: string): void => {
    conversations.set(`${channel}\u0000${conversationId}`, { channel, conversationId });
  };
  for (const identity of identities.values()) {
    for (const row of conversationsOf.all(identity.channel, identity.userId) as {
      channel: string;
      conversationId: string;
    }[])
      addConversation(row.channel, row.conversationId);
    for (const row of ticketsOf.all(identity.channel, identity.userId) as {
      id: number;
      channel: string;
      conversationId: string;
    }[]) {
      ticketIds.add(row.id);
      addConversation(row.channel, row.conversationId);
    }
  }
  // A ticket of one of the person's conversations is theirs, whoever the ticket names.
  const ticketsOfConversation = db.prepare(
    'SELECT id FROM tickets WHERE channel = ? AND conversation_id = ?',
  );
  for (const key of conversations.values())
    for (const row of ticketsOfConversation.all(key.channel, key.conversationId) as {
      id: number;
    }[])
      ticketIds.add(row.id);
  return {
    customerIds: [...customerIds],
    identities: [...identities.values()],
    conversations: [...conversations.values()],
    ticketIds: [...ticketIds],
  };
}

export const isEmpty = (person: ResolvedPerson): boolean =>
  person.customerIds.length === 0 &&
  person.conversations.length === 0 &&
  person.ticketIds.length === 0;
