/**
 * For the PostgreSQL suites: the throw-away cluster's URL (test/setup/postgres-global-setup.ts)
 * and a new empty database per suite, so suites running side by side never see each other's rows.
 */
import { Client } from 'pg';

export const testServerUrl: string | null = process.env.AFTERCARE_TEST_DATABASE_URL ?? null;

const onCi = process.env.CI === 'true' || process.env.CI === '1';
if (!testServerUrl && onCi) {
  throw new Error(
    'CI=true and AFTERCARE_TEST_DATABASE_URL is unset: the PostgreSQL suites must run',
  );
}

/** `describe` when a PostgreSQL server is there, else `describe.skip` (never under CI). */
export const describePostgres: jest.Describe = testServerUrl ? describe : describe.skip;

let counter = 0;

/** Creates an empty database on the test server; returns its URL. */
export async function createTestDatabase(prefix = 'aftercare_test'): Promise<string> {
  if (!testServerUrl) throw new Error('no PostgreSQL test server (AFTERCARE_TEST_DATABASE_URL)');
  counter += 1;
  const name = `${prefix}_${process.pid}_${counter}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
