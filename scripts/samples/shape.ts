import type { Sample } from './marker.js';

/**
 * What may differ between two runs of the same sample, and nothing else: the world's
 * temporary directory (a path inside it is shown relative to it, the directory itself as
 * `.`) and the emulators' ports. Dates are pinned (`LATCH_TODAY`, fixed commit dates
 * and authors), so commit ids and plan fingerprints are real and stay; no terminal, no colour.
 */
export function normalise(text: string, dir: string): string {
  return text
    .replaceAll(`${dir}/`, '')
    .replaceAll(dir, '.')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

function indent(line: string): number {
  return line.length - line.trimStart().length;
}

/** The lines holding one of `texts`, each with the more indented lines right under it. */
function picked(lines: readonly string[], texts: readonly string[]): { lines: string[]; first: number; last: number } {
  const out: string[] = [];
  let first = -1;
  let last = -1;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (!texts.some((text) => line.includes(text))) continue;
    if (first === -1) first = index;
    out.push(line);
    while (index + 1 < lines.length && (lines[index + 1] ?? '').trim() !== '' && indent(lines[index + 1] ?? '') > indent(line)) out.push(lines[++index] ?? '');
    last = index;
  }
  return { lines: out, first, last };
}

/** The block's body: the output cut as the marker asks, with `...` where lines were left out. */
export function shape(sample: Sample, output: string): string {
  // Only CSV's CRLF goes: other trailing spaces are output too (a diff's blank context line).
  let lines = output.replace(/\s+$/, '').split(/\r?\n/);
  const head: string[] = sample.prompt ? [`$ ${sample.command}`] : sample.file ? [`# ${sample.file}`] : [];
  const tail: string[] = [];
  if (sample.pick !== undefined) {
    const found = picked(lines, sample.pick.split('|'));
    if (found.first === -1) throw new Error(`README.md:${sample.line}: pick="${sample.pick}" is not in the output of ${sample.command}:\n${output}`);
    // A transcript says where lines were left out; a bare excerpt is read as one.
    if (found.first > 0 && sample.prompt) head.push('...');
    if (found.last < lines.length - 1 && sample.prompt) tail.push('...');
    lines = found.lines;
  }
  if (sample.head !== undefined && lines.length > sample.head) lines = [...lines.slice(0, sample.head), '...'];
  return [...head, ...lines, ...tail].join('\n');
}
