import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditRecord } from '../model/audit.js';

/** An audit record as the trail keeps it: the apply record's fields, led by a stable id. */
export interface TrailRecord extends Record<string, unknown> {
  /** Hash of the record's own JSON: the same record has the same id on every attempt to write it. */
  id: string;
  /** ISO time of the run; its month names the file the record goes to. */
  at: string;
}

const Line = z.looseObject({ at: z.string().regex(/^\d{4}-\d{2}-/, 'an ISO date') });
const WithId = z.object({ id: z.string().min(1) });

/** Where a month's records live on the trail branch. */
export const TRAIL_FILE = /^audit\/(\d{4}-\d{2})\.jsonl$/;

export function trailFile(at: string): string {
  return `audit/${at.slice(0, 7)}.jsonl`;
}

function idOf(line: string): string {
  return createHash('sha256').update(line).digest('hex').slice(0, 32);
}

/**
 * Gives each JSON Lines record an id derived from its content, so that a write retried after
 * an answer that never came (did the branch move or not?) can tell which records landed.
 */
export function withRecordIds(lines: string): TrailRecord[] {
  return lines
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = Line.parse(JSON.parse(line));
      return { id: idOf(line), ...record };
    });
}

export function recordLines(records: readonly TrailRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join('');
}

/** The records by the month file each goes to. */
export function recordsByFile(records: readonly TrailRecord[]): Map<string, TrailRecord[]> {
  const files = new Map<string, TrailRecord[]>();
  for (const record of records) {
    const path = trailFile(record.at);
    files.set(path, [...(files.get(path) ?? []), record]);
  }
  return files;
}

/**
 * A month file's text with the records it does not hold yet (by id) appended. Append-only:
 * earlier bytes are kept as they are, whatever they hold.
 */
export function appendMissing(text: string, fresh: readonly TrailRecord[]): { text: string; missing: TrailRecord[] } {
  const present = recordKeys(text);
  const missing = fresh.filter((record) => !present.has(`id:${record.id}`));
  return { text: `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${recordLines(missing)}`, missing };
}

/** The key two copies of one record share: its id, or for a record written before ids, its text. */
export function recordKey(line: string): string {
  try {
    const parsed = WithId.safeParse(JSON.parse(line));
    if (parsed.success) return `id:${parsed.data.id}`;
  } catch {
    // Not JSON: only an identical line is the same line.
  }
  return `line:${line.trim()}`;
}

/** Keys of the records a JSON Lines text holds. */
function recordKeys(text: string): Set<string> {
  return new Set(text.split('\n').filter((line) => line.trim() !== '').map(recordKey));
}

/** The trail's form of an apply's records: the same fields, each led by the id of its JSON line. */
export function trailRecords(records: readonly AuditRecord[]): TrailRecord[] {
  return records.map((record) => ({ id: idOf(JSON.stringify(record)), ...record }));
}
