/**
 * README's sample blocks: a fenced block right after a marker
 *
 *   <!-- sample WORLD [OPTION...]: latch ARGS -->
 *
 * is the output of `latch ARGS` run in WORLD (a setup of worlds.ts). Options:
 * `+prompt` starts the block with `$ latch ARGS` (and marks left-out lines with `...`);
 * `pick="TEXT|TEXT"` keeps only the lines holding one of the TEXTs, each with the more
 * indented lines under it; `head=N` keeps the first N lines;
 * `file=PATH` shows that file as the command left it instead of what it printed;
 * `today=YYYY-MM-DD` runs on that day (default 2026-11-23). A `# note` after ARGS is shown
 * on the prompt line and not passed to the command.
 */
export interface Sample {
  /** The marker line, for messages. */
  marker: string;
  /** 1-based line of the marker in README.md. */
  line: number;
  world: string;
  args: string[];
  /** `latch ARGS` as written, with its note: the prompt line. */
  command: string;
  prompt: boolean;
  pick?: string;
  head?: number;
  file?: string;
  today?: string;
}

/** A marked block: the sample and where its body sits in the README's lines. */
export interface MarkedBlock {
  sample: Sample;
  /** Index (0-based) of the first line of the block's body and one past its last. */
  bodyStart: number;
  bodyEnd: number;
}

const MARKER = /^<!-- sample (\S+)((?: [^:]+?)?): (latch .+?) -->$/;
const OPTION = /\+prompt|pick="([^"]+)"|head=(\d+)|file=(\S+)|today=(\d{4}-\d{2}-\d{2})/g;

/** Splits a command line the way a shell would for the plain words and "double quotes" samples use. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) args.push(match[1] ?? match[2] ?? '');
  return args;
}

function parseMarker(text: string, line: number): Sample {
  const match = MARKER.exec(text);
  if (!match) throw new Error(`README.md:${line}: a sample marker must read <!-- sample WORLD [OPTIONS]: latch ARGS -->, got ${text}`);
  const [, world = '', options = '', command = ''] = match;
  const sample: Sample = { marker: text, line, world, args: splitArgs(command.replace(/\s+#.*$/, '')).slice(1), command, prompt: false };
  const unknown = options.replace(OPTION, '').trim();
  if (unknown) throw new Error(`README.md:${line}: unknown sample option "${unknown}" (known: +prompt, pick="TEXT", head=N, file=PATH, today=YYYY-MM-DD)`);
  for (const option of options.matchAll(OPTION)) {
    if (option[0] === '+prompt') sample.prompt = true;
    if (option[1] !== undefined) sample.pick = option[1];
    if (option[2] !== undefined) sample.head = Number(option[2]);
    if (option[3] !== undefined) sample.file = option[3];
    if (option[4] !== undefined) sample.today = option[4];
  }
  return sample;
}

/** Every marked block of the README, in order; a marker not followed by a fenced block is an error. */
export function markedBlocks(lines: readonly string[]): MarkedBlock[] {
  const blocks: MarkedBlock[] = [];
  for (const [index, text] of lines.entries()) {
    if (!text.startsWith('<!-- sample ')) continue;
    const sample = parseMarker(text, index + 1);
    if (!lines[index + 1]?.startsWith('```')) throw new Error(`README.md:${index + 1}: a sample marker must be followed by a fenced block`);
    const close = lines.findIndex((candidate, at) => at > index + 1 && candidate === '```');
    if (close === -1) throw new Error(`README.md:${index + 2}: the sample's fenced block is never closed`);
    blocks.push({ sample, bodyStart: index + 2, bodyEnd: close });
  }
  return blocks;
}

/** The README with each marked block's body replaced by its new text (same order as `markedBlocks`). */
export function replaceBlocks(lines: readonly string[], blocks: readonly MarkedBlock[], bodies: readonly string[]): string[] {
  const out: string[] = [];
  let from = 0;
  for (const [index, block] of blocks.entries()) {
    out.push(...lines.slice(from, block.bodyStart), ...(bodies[index] ?? '').split('\n'));
    from = block.bodyEnd;
  }
  out.push(...lines.slice(from));
  return out;
}
