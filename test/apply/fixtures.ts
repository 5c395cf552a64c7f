import type { Change, Plan } from '../../src/model/plan.js';

export function change(overrides: Partial<Change> & Pick<Change, 'action'>): Change {
  const base = { client: 'apex', kind: 'github-repo', resource: 'acme/web', principal: 'dana', reason: 'test' } as const;
  if (overrides.action === 'grant') return { ...base, from: null, to: 'push', ...overrides } as Change;
  if (overrides.action === 'revoke') return { ...base, from: 'push', to: null, ...overrides } as Change;
  return { ...base, from: 'pull', to: 'push', ...overrides } as Change;
}

export function plan(changes: Change[], extra: Partial<Plan> = {}): Plan {
  return { fingerprint: 'sha256:test', changes, held: [], unread: [], findings: [], warnings: [], ...extra };
}
