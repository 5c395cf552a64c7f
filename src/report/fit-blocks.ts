import { compareRisk, type GroupRisk } from './risk.js';

/** A part of a comment that can shrink: its full text, and what stays when details are cut. */
export interface Block {
  /** The block with all its details. */
  full: string;
  /** What stays when details are cut: the heading and its counts. */
  short: string;
  /** Listed in the cut line when the block is shown short, as Markdown. */
  name?: string;
  /** Blocks keep their details riskiest first; blocks without a risk, in order after them. */
  risk?: GroupRisk;
  /** Never dropped: a section heading the blocks after it need. */
  pinned?: boolean;
  /** The full block cut to at most `room` characters; undefined when nothing useful fits. */
  partial?: (room: number) => string | undefined;
}

const NO_RISK: GroupRisk = [0, 0, 0];
/** Names in the cut line before "and N more": enough to find one's client on a phone screen. */
const CUT_NAMES = 30;

function cutLine(names: readonly string[], what: string): string {
  if (names.length === 0) return '';
  const whose = names.length === 1 ? `client’s ${what}` : `clients’ ${what}s`;
  const listed = names.slice(0, CUT_NAMES).join(', ');
  const more = names.length > CUT_NAMES ? ` and ${names.length - CUT_NAMES} more` : '';
  return `\n✂️ ${names.length} ${whose} cut to stay within GitHub’s limit: ${listed}${more}.\n`;
}

/**
 * Joins `head`, the blocks, then `tail`, within `max` characters. When not all fit in full,
 * every block is shown short and the riskiest get their details back while they fit, the
 * next one in part; a line names the blocks cut (`what` is their noun: diff, list). When
 * even the short forms do not fit, the riskiest diffs take up to half the room and the least
 * risky blocks are replaced by a count. Returns the text and whether anything was cut.
 */
export function fitBlocks(head: string, blocks: readonly Block[], tail: string, max: number, cutNote: string, what = 'diff'): { text: string; cut: boolean } {
  const all = blocks.map((block) => block.full).join('');
  if (head.length + all.length + tail.length <= max) return { text: `${head}${all}${tail}`, cut: false };
  const order = blocks.map((_, index) => index).filter((index) => !blocks[index]?.pinned);
  order.sort((a, b) => compareRisk(blocks[a]?.risk ?? NO_RISK, blocks[b]?.risk ?? NO_RISK) || a - b);
  const reserve = cutLine(blocks.flatMap((block) => (block.name ? [block.name] : [])), what).length;
  const budget = max - head.length - tail.length - cutNote.length - reserve - 200;
  const shown = blocks.map((block) => (block.pinned ? block.full : undefined));
  let used = shown.reduce((sum, text) => sum + (text?.length ?? 0), 0);
  const show = (index: number, text: string) => {
    used += text.length - (shown[index]?.length ?? 0);
    shown[index] = text;
  };
  const shorts = order.reduce((sum, index) => sum + (blocks[index]?.short.length ?? 0), 0);
  if (used + shorts > budget) {
    for (const index of order) {
      const block = blocks[index] as Block;
      if (used + block.full.length <= budget / 2) show(index, block.full);
    }
  }
  let dropped = 0;
  for (const index of order) {
    const block = blocks[index] as Block;
    if (shown[index] !== undefined) continue;
    // Once one drops, the rest do: what is left out is always the least risky.
    if (dropped > 0 || used + block.short.length > budget) dropped += 1;
    else show(index, block.short);
  }
  for (const index of order) {
    const block = blocks[index] as Block;
    if (shown[index] === block.short && used + block.full.length - block.short.length <= budget) show(index, block.full);
  }
  const cut = order.filter((index) => shown[index] !== undefined && shown[index] !== blocks[index]?.full);
  const [next] = cut;
  const partial = next === undefined ? undefined : blocks[next]?.partial?.(budget - used + (shown[next]?.length ?? 0));
  if (next !== undefined && partial !== undefined && partial.length > (shown[next]?.length ?? 0)) show(next, partial);
  const names = cut.sort((a, b) => a - b).flatMap((index) => blocks[index]?.name ?? []);
  const more = dropped > 0 ? `\n_… and ${dropped} more, left out to stay within GitHub’s size limit._\n` : '';
  return { text: `${head}${cutNote}${cutLine(names, what)}${shown.join('')}${more}${tail}`, cut: true };
}
