/** Jest global tear-down: stops and removes the throw-away PostgreSQL cluster, if one was started. */
export default async function teardown(): Promise<void> {
  const cluster = globalThis.aftercareTestCluster;
  globalThis.aftercareTestCluster = undefined;
  if (cluster) await cluster.stop();
}
