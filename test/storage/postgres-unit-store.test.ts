/** The UnitStore contract on PostgreSQL (the throw-away cluster of the test run). */
import { createPostgresUnitStore } from '../../src/storage/postgres/unit-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runUnitStoreContract } from './unit-store.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runUnitStoreContract('PostgreSQL', async () => createPostgresUnitStore(await database.fresh()));
});
