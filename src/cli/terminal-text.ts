/** A reply's light markdown (`**bold**`, `- ` list items) as a terminal shows it. */
const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';

export function forTerminal(text: string, options: { color: boolean }): string {
  return text
    .split('\n')
    .map((line) => line.replace(/^(\s*)[-*] /u, '$1  • '))
    .join('\n')
    .replace(/\*\*([^*]+)\*\*/gu, (_, inner: string) =>
      options.color ? `${BOLD_ON}${inner}${BOLD_OFF}` : inner,
    );
}
