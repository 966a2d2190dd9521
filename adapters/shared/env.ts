/** Reading an adapter's variables: blank counts as unset, and errors name the variable and the fix. */
export type Env = Readonly<Record<string, string | undefined>>;

export function optionalEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function requiredEnv(env: Env, name: string, hint: string): string {
  const value = optionalEnv(env, name);
  if (value === undefined) throw new Error(`${name} is not set. ${hint}`);
  return value;
}
