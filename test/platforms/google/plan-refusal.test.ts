import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { DEMO_TOKENS } from '../../../src/demo/tokens.js';
import { preparePlan } from '../../../src/pipeline.js';
import { useDemoWorld } from '../../e2e/demo-world.js';

const world = useDemoWorld();

/** Someone unshares a folder by hand in Drive, as the Drive UI would. */
async function unshareByHand(fileId: string, email: string): Promise<void> {
  const headers = { authorization: `Bearer ${DEMO_TOKENS.google}` };
  const list = (await (await fetch(`${world.platforms.google.url}/drive/v3/files/${fileId}/permissions?fields=permissions(id,emailAddress)`, { headers })).json()) as {
    permissions: Array<{ id: string; emailAddress?: string }>;
  };
  const id = list.permissions.find((permission) => permission.emailAddress === email)?.id;
  await fetch(`${world.platforms.google.url}/drive/v3/files/${fileId}/permissions/${id ?? 'none'}`, { method: 'DELETE', headers });
}

describe('a level a Drive folder cannot have', () => {
  it('is not planned on a My Drive folder: the folder is unread, naming the person and the reason', async () => {
    // The agency lead is organizer of the internal folder; someone removed her, and the folder is in a My Drive.
    await unshareByHand('1ApexInternalNotes', 'maria@acme-agency.com');
    const { plan } = await preparePlan({ dir: world.repo.dir, today: '2026-11-20', env: world.platforms.env, logger: pino({ level: 'silent' }), concurrency: 4 });
    expect(plan.changes.filter((change) => change.resource === '1ApexInternalNotes')).toEqual([]);
    expect(plan.unread).toContainEqual({
      client: 'apex',
      kind: 'drive-folder',
      resource: '1ApexInternalNotes',
      error: expect.stringContaining('cannot give maria@acme-agency.com organizer: Drive has organizer only on shared drives') as unknown,
    });
  }, 120_000);
});
