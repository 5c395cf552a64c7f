import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTiktokEmulator, type TiktokEmulator, type TiktokSeed } from '../../../src/emulators/tiktok/index.js';
import { ROOT, runLatch } from '../../e2e/cli-harness.js';

/** Drives the built CLI (bin/latch.js; `npm run build` first) against the TikTok emulator. */

const TOKEN = 'tt-e2e-token-never-printed-0001';
const BC = '7000000000000000009';
const OWN = '7011111111111111111';
const SHARED = '7022222222222222222';

const CLIENT = `client: zeta
name: Zeta Cosmetics
domains: [zetacosmetics.com]
owners: [priya]
delegates: [olga]

resources:
  tiktok:        { kind: tiktok-ad-account, ref: "${OWN}" }
  tiktok-theirs: { kind: tiktok-ad-account, ref: "${SHARED}", mode: verify }

people:
  olga:  { email: olga@zetacosmetics.com, role: client-viewer }
  priya: { email: priya@acme-agency.com, role: agency-lead }
  nina:  { email: nina@acme-agency.com, role: agency-marketer }
  zoe:   { email: zoe@acme-agency.com, role: agency-lead }
`;

function seed(): TiktokSeed {
  return {
    bcId: BC,
    members: { 'priya@acme-agency.com': 'STANDARD', 'nina@acme-agency.com': 'STANDARD', 'stray@acme-agency.com': 'STANDARD' },
    accounts: {
      [OWN]: { members: { 'priya@acme-agency.com': 'ANALYST', 'stray@acme-agency.com': 'OPERATOR' } },
      [SHARED]: { relation: 'OWNER_PARTNER', members: { 'priya@acme-agency.com': 'ANALYST', 'nina@acme-agency.com': 'ANALYST' } },
    },
  };
}

let tiktok: TiktokEmulator;
let dir: string;

beforeAll(async () => {
  tiktok = await startTiktokEmulator({ seed: seed(), token: TOKEN, maxPageSize: 1 });
  dir = await mkdtemp(join(tmpdir(), 'latch-tiktok-'));
  await cp(join(ROOT, 'policies'), join(dir, 'policies'), { recursive: true });
  await mkdir(join(dir, 'clients'));
  await writeFile(join(dir, 'clients/zeta.yaml'), CLIENT);
});
afterAll(async () => {
  await tiktok.close();
  await rm(dir, { recursive: true, force: true });
});

function latch(...args: string[]) {
  return runLatch(args, { cwd: dir, env: { LATCH_TIKTOK_API_URL: `${tiktok.url}/open_api/v1.3`, LATCH_TIKTOK_TOKEN: TOKEN, LATCH_TIKTOK_BC_ID: BC, LATCH_RETRY_BASE_MS: '1' } });
}

describe('latch against TikTok Business Center', () => {
  it('plans the agency account and lists what only the client can change', async () => {
    const plan = await latch('plan');
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/\+ grant\s+tiktok-ad-account\s+7011111111111111111\s+nina@acme-agency\.com\s+operator/);
    expect(plan.stdout).toMatch(/\+ grant\s+tiktok-ad-account\s+7011111111111111111\s+zoe@acme-agency\.com\s+analyst/);
    expect(plan.stdout).toMatch(/- revoke\s+tiktok-ad-account\s+7011111111111111111\s+stray@acme-agency\.com\s+operator/);
    expect(plan.stdout).toMatch(/zeta\s+tiktok-ad-account\s+7022222222222222222\s+nina@acme-agency\.com\s+wrong-level\s+analyst -> operator/);
    expect(plan.stdout + plan.stderr).not.toContain(TOKEN);
  });

  it('applies: assigns a member, invites a newcomer with the account, unassigns the undeclared', async () => {
    const apply = await latch('apply', '--yes', '--allow-mass-revoke');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain('Applied 3');
    expect(tiktok.snapshot().accounts[OWN]?.members).toEqual({ 'priya@acme-agency.com': 'ANALYST', 'nina@acme-agency.com': 'OPERATOR' });
    expect(tiktok.snapshot().invitations).toEqual([{ email: 'zoe@acme-agency.com', status: 'PENDING', assets: { [OWN]: 'ANALYST' } }]);
    expect(tiktok.snapshot().accounts[SHARED]?.members['nina@acme-agency.com']).toBe('ANALYST');
  });

  it('plans again: no changes, the invitation counts as the pending grant', async () => {
    const again = await latch('plan');
    expect(again.stdout).toContain('No changes.');
    expect(again.stdout).toContain('Access requests: 2 open');
    expect(again.code).toBe(2);
  });

  it("asks the client, in Business Center's words, for what only the client can change", async () => {
    const request = await latch('request', 'zeta');
    expect(request.code, request.stderr).toBe(2);
    expect(request.stdout).toContain(`Change nina@acme-agency.com from analyst to operator on TikTok ad account ${SHARED}.`);
    expect(request.stdout).toContain(`open Assets (or Accounts) → Ad accounts, click View on ad account ${SHARED}, then the Members tab.`);
    expect(request.stdout).toContain('choose Operator, then Confirm.');
  });

  it('verifies everything once the invitee accepts and the client acts', async () => {
    tiktok.acceptInvitation('zoe@acme-agency.com');
    tiktok.grantByHand(SHARED, 'nina@acme-agency.com', 'OPERATOR');
    tiktok.grantByHand(SHARED, 'zoe@acme-agency.com', 'ANALYST');
    const plan = await latch('plan');
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    expect(tiktok.snapshot().accounts[OWN]?.members['zoe@acme-agency.com']).toBe('ANALYST');
  });
});
