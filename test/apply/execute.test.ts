import { describe, expect, it } from 'vitest';
import { executeChanges, countResults } from '../../src/apply/execute.js';
import { PlatformError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import type { Change } from '../../src/model/plan.js';
import type { AdapterFactory, PlatformAdapter } from '../../src/platforms/adapter.js';
import { AdapterSet } from '../../src/platforms/registry.js';
import { change } from './fixtures.js';

const logger = createLogger({ level: 'silent' });

/** An adapter that records the order of calls and fails where told. */
function recordingFactory(failFor: string, log: string[], inFlight: { now: number; max: Map<string, number> }): AdapterFactory {
  const adapter: PlatformAdapter = {
    id: 'fake',
    kinds: ['github-repo'],
    list: () => Promise.resolve([]),
    async apply(c: Change) {
      inFlight.now += 1;
      const perResource = (inFlight.max.get(c.resource) ?? 0) + 1;
      inFlight.max.set(c.resource, perResource);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight.max.set(c.resource, perResource - 1);
      inFlight.now -= 1;
      log.push(`${c.resource}:${c.principal}`);
      if (c.principal === failFor) throw new PlatformError('fake', 'apply', 'token ghs_secret123456 rejected', { status: 500 });
      return { status: 'applied' };
    },
  };
  return { id: 'fake', kinds: ['github-repo'], create: () => adapter };
}

describe('executeChanges', () => {
  it('keeps going after a failure, reports it scrubbed, and keeps one resource in order', async () => {
    const log: string[] = [];
    const inFlight = { now: 0, max: new Map<string, number>() };
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [recordingFactory('bob', log, inFlight)]);
    const changes = [
      change({ action: 'grant', resource: 'a/1', principal: 'ann' }),
      change({ action: 'grant', resource: 'a/1', principal: 'bob' }),
      change({ action: 'grant', resource: 'a/1', principal: 'cid' }),
      change({ action: 'revoke', resource: 'a/2', principal: 'dee' }),
    ];
    const results = await executeChanges(changes, adapters, { concurrency: 4, logger, secrets: ['ghs_secret123456'] });
    expect(results.map((r) => r.status)).toEqual(['applied', 'failed', 'applied', 'applied']);
    expect(results[1]?.detail).toContain('[redacted]');
    expect(results[1]?.detail).not.toContain('ghs_secret123456');
    expect(log.filter((entry) => entry.startsWith('a/1'))).toEqual(['a/1:ann', 'a/1:bob', 'a/1:cid']);
    expect(countResults(results)).toEqual({ applied: 3, unchanged: 0, failed: 1, skipped: 0 });
  });

  it('fails the changes of a kind no platform handles instead of throwing', async () => {
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, []);
    const results = await executeChanges([change({ action: 'grant' })], adapters, { concurrency: 1, logger, secrets: [] });
    expect(results[0]?.status).toBe('failed');
    expect(results[0]?.detail).toContain('no platform adapter');
  });
});
