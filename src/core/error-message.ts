/** The text of a thrown value for a log line or an error message: an Error's message, else the value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
