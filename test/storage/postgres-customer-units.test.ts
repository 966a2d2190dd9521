/** The CustomerUnitsStore contract on PostgreSQL (the throw-away cluster of the test run). */
import {
  createPostgresCustomerUnits,
  createPostgresUnitStore,
} from '../../src/storage/postgres/unit-store';
import { describePostgres } from '../helpers/postgres';
import { postgresTestDatabase } from '../helpers/postgres-backend';
import { runCustomerUnitsContract } from './customer-units.contract';

const database = postgresTestDatabase();

describePostgres('PostgreSQL', () => {
  runCustomerUnitsContract('PostgreSQL', async () => {
    const pool = await database.fresh();
    return {
      units: createPostgresUnitStore(pool),
      customers: createPostgresCustomerUnits(pool, { phoneChannels: ['voice', 'sms'] }),
    };
  });
});
