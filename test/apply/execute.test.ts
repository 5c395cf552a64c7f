import { describe, expect, it } from 'vitest';
import { executeChanges, countResults } from '../../src/apply/execute.js';
import { PlatformError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import type { Change } from '../../src/model/plan.js';
import type { AdapterFactory, PlatformAdapter } from '../../src/platforms/adapter.js';
import { AdapterSet } from '../../src/platforms/registry.js';
import { change } from './fixtures.js';

const logger = createLogger({ level: 'silent' });

interface Edge {
  edge: 'start' | 'end';
  /** `resource:principal` of the change. */
  change: string;
}

/**
 * An adapter that records when each change starts and ends, and fails where told. Each change
 * yields to the event loop a few times before it ends, so any change the executor lets run at
 * the same time starts in between.
 */
function recordingFactory(failFor: string, edges: Edge[]): AdapterFactory {
  const adapter: PlatformAdapter = {
    id: 'fake',
    kinds: ['github-repo'],
    list: () => Promise.resolve([]),
    async apply(c: Change) {
      const name = `${c.resource}:${c.principal}`;
      edges.push({ edge: 'start', change: name });
      for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
      edges.push({ edge: 'end', change: name });
      if (c.principal === failFor) throw new PlatformError('fake', 'apply', 'token ghs_secret123456 rejected', { status: 500 });
      return { status: 'applied' };
    },
  };
  return { id: 'fake', kinds: ['github-repo'], create: () => adapter };
}

/** The changes under way after each start, by the order their edges were recorded. */
function inFlightAtStarts(edges: readonly Edge[]): string[][] {
  const running = new Set<string>();
  const snapshots: string[][] = [];
  for (const { edge, change: name } of edges) {
    if (edge === 'end') {
      running.delete(name);
      continue;
    }
    running.add(name);
    snapshots.push([...running]);
  }
  return snapshots;
}

const resourceOf = (name: string): string => name.slice(0, name.indexOf(':'));

describe('executeChanges', () => {
  it('keeps going after a failure and reports it scrubbed', async () => {
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [recordingFactory('bob', [])]);
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
    expect(countResults(results)).toEqual({ applied: 3, unchanged: 0, failed: 1, skipped: 0 });
  });

  it("keeps one resource in order: its changes one at a time in the plan's order, other resources at the same time", async () => {
    const edges: Edge[] = [];
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [recordingFactory('bob', edges)]);
    const changes = [
      change({ action: 'grant', resource: 'a/1', principal: 'ann' }),
      change({ action: 'revoke', resource: 'a/2', principal: 'dee' }),
      change({ action: 'grant', resource: 'a/1', principal: 'bob' }),
      change({ action: 'update', resource: 'a/2', principal: 'eve' }),
      change({ action: 'grant', resource: 'a/1', principal: 'cid' }),
    ];
    await executeChanges(changes, adapters, { concurrency: 4, logger, secrets: [] });

    const starts = edges.filter((edge) => edge.edge === 'start').map((edge) => edge.change);
    expect(starts.filter((name) => resourceOf(name) === 'a/1')).toEqual(['a/1:ann', 'a/1:bob', 'a/1:cid']);
    expect(starts.filter((name) => resourceOf(name) === 'a/2')).toEqual(['a/2:dee', 'a/2:eve']);
    const overlaps = inFlightAtStarts(edges);
    for (const running of overlaps) {
      expect(new Set(running.map(resourceOf)).size, `under way at once: ${running.join(', ')}`).toBe(running.length);
    }
    expect(Math.max(...overlaps.map((running) => running.length))).toBe(2);
  });

  it('starts the resource with the most changes first, so its serial run does not trail the others', async () => {
    const edges: Edge[] = [];
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, [recordingFactory('nobody', edges)]);
    const changes = [
      change({ action: 'grant', resource: 'a/1', principal: 'ann' }),
      change({ action: 'grant', resource: 'a/2', principal: 'bob' }),
      ...['cid', 'dee', 'eve', 'fay'].map((principal) => change({ action: 'grant', resource: 'a/3', principal })),
    ];
    const results = await executeChanges(changes, adapters, { concurrency: 1, logger, secrets: [] });
    const starts = edges.filter((edge) => edge.edge === 'start').map((edge) => edge.change);
    expect(starts).toEqual(['a/3:cid', 'a/3:dee', 'a/3:eve', 'a/3:fay', 'a/1:ann', 'a/2:bob']);
    // The results keep the plan's order whatever order the work ran in.
    expect(results.map((result) => `${result.change.resource}:${result.change.principal}`)).toEqual(changes.map((c) => `${c.resource}:${c.principal}`));
  });

  it('fails the changes of a kind no platform handles instead of throwing', async () => {
    const adapters = new AdapterSet({ config: {}, env: {}, logger }, []);
    const results = await executeChanges([change({ action: 'grant' })], adapters, { concurrency: 1, logger, secrets: [] });
    expect(results[0]?.status).toBe('failed');
    expect(results[0]?.detail).toContain('no platform adapter');
  });
});
