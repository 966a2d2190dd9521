/** The ConversationStore contract on PostgreSQL (the throw-away cluster of the test run). */
import { createPostgresConversationStore } from '../../src/storage/postgres/conversation-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runConversationStoreContract } from './conversation-store.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runConversationStoreContract('PostgreSQL', async () =>
    createPostgresConversationStore(await database.fresh()),
  );
});
