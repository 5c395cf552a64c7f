import { Writable } from 'node:stream';
import type { ReadProgress, ReadProgressListener } from '../read/progress.js';

/** Erases the line the cursor is on and returns to its start. */
const CLEAR = '\r\u001b[2K';
/** Redraws at most this often: a thousand resources read quickly must not flood the terminal. */
const REDRAW_MS = 100;
/** An estimate from the first seconds of a read swings too much to be worth showing. */
const ESTIMATE_AFTER_MS = 2000;

/** A progress line on a terminal, and the stream everything else on that terminal goes through so it never lands mid-line. */
export interface ProgressLine {
  /** Writes through to the terminal, the progress line taken away first and drawn again after. */
  stream: NodeJS.WritableStream;
  /** Draws the read's progress; its last report clears the line. */
  update: ReadProgressListener;
}

function timeLeft(progress: ReadProgress, elapsedMs: number): string {
  const done = progress.platforms.reduce((sum, platform) => sum + platform.done, 0);
  const total = progress.platforms.reduce((sum, platform) => sum + platform.total, 0);
  if (done === 0 || done === total || elapsedMs < ESTIMATE_AFTER_MS) return '';
  const seconds = ((total - done) * elapsedMs) / done / 1000;
  return seconds < 60 ? ` … about ${Math.max(1, Math.round(seconds))} s left` : ` … about ${Math.round(seconds / 60)} min left`;
}

/** "reading: github 120/400, google 30/90 … about 20 s left". */
export function progressText(progress: ReadProgress, elapsedMs: number): string {
  const platforms = progress.platforms.map((platform) => `${platform.platform} ${platform.done}/${platform.total}`).join(', ');
  return `reading: ${platforms}${timeLeft(progress, elapsedMs)}`;
}

/**
 * The line is for a person at a terminal: callers create it only when stderr is one (never in
 * CI logs, never on stdout). `now` is the clock estimates are made with.
 */
export function progressLine(terminal: NodeJS.WritableStream & { columns?: number }, now: () => number = Date.now): ProgressLine {
  let shown = '';
  let started: number | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = (text: string) => {
    const fitted = terminal.columns ? text.slice(0, terminal.columns - 1) : text;
    terminal.write(`${CLEAR}${fitted}`);
    shown = fitted;
  };
  const clear = () => {
    if (shown) terminal.write(CLEAR);
    shown = '';
  };
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      const line = shown;
      clear();
      terminal.write(chunk);
      if (line) draw(line);
      done();
    },
  });
  const update: ReadProgressListener = (progress) => {
    if (progress.finished) {
      clear();
      started = undefined;
      return;
    }
    const at = now();
    started ??= at;
    if (at - drawnAt < REDRAW_MS) return;
    drawnAt = at;
    draw(progressText(progress, at - started));
  };
  return { stream, update };
}
