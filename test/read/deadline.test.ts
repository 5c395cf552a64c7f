import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import type { ManagedResource } from '../../src/model/grants.js';
import type { AdapterFactory, PlatformAdapter } from '../../src/platforms/adapter.js';
import { AdapterSet } from '../../src/platforms/registry.js';
import { deadlineFromEnv } from '../../src/read/deadline.js';
import { readActual } from '../../src/read/read.js';

const logger = createLogger({ level: 'silent' });

function resource(ref: string): ManagedResource {
  return { client: 'apex', key: ref, kind: 'github-repo', ref, mode: 'manage', audience: 'any', at: { file: 'clients/apex.yaml', line: 1, column: 1 } };
}

/** Lists `stalled` never (a hung platform), everything else at once; counts the lists begun. */
function stallingFactory(stalled: ReadonlySet<string>, begun: string[]): AdapterFactory {
  const adapter: PlatformAdapter = {
    id: 'fake',
    kinds: ['github-repo'],
    list: (target) => {
      begun.push(target.ref);
      return stalled.has(target.ref) ? new Promise(() => undefined) : Promise.resolve([]);
    },
    apply: () => Promise.resolve({ status: 'applied' }),
  };
  return { id: 'fake', kinds: ['github-repo'], create: () => adapter };
}

describe('the run deadline for reads', () => {
  it('gives up a stalled resource as unread, naming it, and still reads the others', async () => {
    const begun: string[] = [];
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [stallingFactory(new Set(['acme/hung']), begun)]);
    const readings = await readActual([resource('acme/ok'), resource('acme/hung'), resource('acme/also-ok')], adapters, { concurrency: 4, logger, deadlineMs: 50 });
    expect(readings.map((reading) => [reading.resource.ref, reading.ok])).toEqual([
      ['acme/ok', true],
      ['acme/hung', false],
      ['acme/also-ok', true],
    ]);
    const hung = readings[1];
    expect(hung && !hung.ok ? hung.error : '').toMatch(/github-repo acme\/hung was not read within the run's read deadline of 50 ms/);
  });

  it('does not start reads queued behind stalled ones once the deadline has passed', async () => {
    const begun: string[] = [];
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [stallingFactory(new Set(['acme/a', 'acme/b']), begun)]);
    const readings = await readActual([resource('acme/a'), resource('acme/b'), resource('acme/c')], adapters, { concurrency: 2, logger, deadlineMs: 30 });
    expect(readings.every((reading) => !reading.ok)).toBe(true);
    expect(begun).toEqual(['acme/a', 'acme/b']);
  });

  it('reads on without a deadline when none is set', async () => {
    const begun: string[] = [];
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [stallingFactory(new Set(), begun)]);
    const readings = await readActual([resource('acme/a')], adapters, { concurrency: 1, logger });
    expect(readings[0]?.ok).toBe(true);
  });

  it.each([
    [undefined, 900_000],
    ['', 900_000],
    ['0', 0],
    ['2500', 2500],
    ['soon', 900_000],
    ['-5', 900_000],
  ])('takes LATCH_READ_DEADLINE_MS=%s as %d ms', (raw, expected) => {
    expect(deadlineFromEnv(raw === undefined ? {} : { LATCH_READ_DEADLINE_MS: raw })).toBe(expected);
  });
});
