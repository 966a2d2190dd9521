/**
 * Resolves when an async condition (a store read) holds. The limit only turns a hang into a
 * readable failure; no test asserts on how long anything took.
 */
export async function eventually(
  condition: () => Promise<boolean>,
  description: string,
  limitMs = 8_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`never happened: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
