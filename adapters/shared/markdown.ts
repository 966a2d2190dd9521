/**
 * The core's reply Markdown subset as a tiny tree: paragraphs (with line breaks), `-` and `1.`
 * lists, `**bold**` and `[text](url)`. Each platform renders the tree with its own escaping, so
 * no customer-visible character is ever read as markup by accident.
 */

export type Inline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'bold'; readonly children: readonly Inline[] }
  | { readonly type: 'link'; readonly text: string; readonly url: string };

/** `joined`: the block follows the previous one on the next line, with no blank line between. */
export type Block =
  | {
      readonly type: 'paragraph';
      readonly joined: boolean;
      readonly lines: readonly (readonly Inline[])[];
    }
  | {
      readonly type: 'list';
      readonly joined: boolean;
      readonly ordered: boolean;
      readonly start: number;
      readonly items: readonly (readonly Inline[])[];
    };

const BULLET = /^\s{0,3}[-*]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const CONTINUATION = /^\s{2,}\S/;

interface OpenList {
  readonly ordered: boolean;
  readonly start: number;
  readonly items: string[];
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const open: { paragraph: string[]; list: OpenList | null; joined: boolean } = {
    paragraph: [],
    list: null,
    joined: false,
  };

  const close = (): void => {
    if (open.paragraph.length > 0) {
      blocks.push({
        type: 'paragraph',
        joined: open.joined,
        lines: open.paragraph.map((line) => parseInline(line)),
      });
      open.joined = true;
    }
    if (open.list !== null) {
      const { ordered, start, items } = open.list;
      blocks.push({
        type: 'list',
        joined: open.joined,
        ordered,
        start,
        items: items.map((item) => parseInline(item)),
      });
      open.joined = true;
    }
    open.paragraph = [];
    open.list = null;
  };

  for (const rawLine of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = rawLine.trimEnd();
    if (line.trim() === '') {
      close();
      open.joined = false;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (open.list === null || open.list.ordered !== ordered) {
        close();
        open.list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      open.list.items.push(((bullet ? bullet[1] : numbered?.[2]) ?? '').trim());
      continue;
    }
    const items = open.list?.items;
    if (items !== undefined && items.length > 0 && CONTINUATION.test(line)) {
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
      continue;
    }
    if (open.list !== null) close();
    open.paragraph.push(line.trim());
  }
  close();
  return blocks;
}

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/;
const BOLD = /\*\*(?=\S)([\s\S]*?\S)\*\*/;

/** Parses one line; bold may contain links, link text is plain. */
export function parseInline(line: string, allowBold = true): Inline[] {
  const nodes: Inline[] = [];
  let rest = line;
  while (rest.length > 0) {
    const link = LINK.exec(rest);
    const bold = allowBold ? BOLD.exec(rest) : null;
    const next = pickEarliest(link, bold);
    if (next === null) {
      pushText(nodes, rest);
      break;
    }
    pushText(nodes, rest.slice(0, next.index));
    if (next === link) {
      nodes.push({ type: 'link', text: link[1] ?? '', url: link[2] ?? '' });
    } else {
      nodes.push({ type: 'bold', children: parseInline(next[1] ?? '', false) });
    }
    rest = rest.slice(next.index + next[0].length);
  }
  return nodes;
}

function pickEarliest(
  a: RegExpExecArray | null,
  b: RegExpExecArray | null,
): RegExpExecArray | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.index < a.index ? b : a;
}

function pushText(nodes: Inline[], text: string): void {
  if (text.length > 0) nodes.push({ type: 'text', text });
}

/** Link targets a customer may safely be sent to; anything else is shown as plain text. */
export function isSafeUrl(
  url: string,
  schemes: readonly string[] = ['http:', 'https:', 'mailto:', 'tel:'],
): boolean {
  try {
    return schemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** The reply as plain text (for notification fallbacks and logs). */
export function plainText(blocks: readonly Block[]): string {
  const inline = (nodes: readonly Inline[]): string =>
    nodes
      .map((node) =>
        node.type === 'text' ? node.text : node.type === 'link' ? node.text : inline(node.children),
      )
      .join('');
  return blocks
    .map((block, index) => {
      const text =
        block.type === 'paragraph'
          ? block.lines.map(inline).join('\n')
          : block.items
              .map(
                (item, number) =>
                  `${block.ordered ? `${block.start + number}.` : '•'} ${inline(item)}`,
              )
              .join('\n');
      return index === 0 ? text : `${blockSeparator(block)}${text}`;
    })
    .join('');
}

/** What goes between a block and the one before it. */
export const blockSeparator = (block: Block): string => (block.joined ? '\n' : '\n\n');
