/**
 * Jest global set-up: the PostgreSQL suites get a throw-away cluster (test/helpers/
 * postgres-cluster.ts) whose URL reaches every worker as AFTERCARE_TEST_DATABASE_URL, unless that
 * variable already names a server. Without PostgreSQL installed, one line says the PostgreSQL
 * suites are skipped; under CI (CI=true) that is an error instead.
 */
import {
  findPostgresBin,
  startThrowawayCluster,
  type ThrowawayCluster,
} from '../helpers/postgres-cluster';

declare global {
  var aftercareTestCluster: ThrowawayCluster | undefined;
}

export default async function setup(): Promise<void> {
  if (process.env.AFTERCARE_TEST_DATABASE_URL) return;
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(
        "CI=true and no PostgreSQL under /usr/lib/postgresql/*/bin: the PostgreSQL suites must run in CI (npm test installs Debian's postgresql when run as root)",
      );
    }
    process.stdout.write(
      '\nPostgreSQL is not installed: the PostgreSQL suites are skipped (apt-get install postgresql, or run npm test as root, to run them).\n',
    );
    return;
  }
  const cluster = await startThrowawayCluster(bin);
  globalThis.aftercareTestCluster = cluster;
  process.env.AFTERCARE_TEST_DATABASE_URL = cluster.url;
}
