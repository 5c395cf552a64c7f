import type { GithubEmulator, RepoPermission } from '../src/emulators/github/index.js';
import type { GoogleEmulator } from '../src/emulators/google/index.js';
import type { SlackEmulator } from '../src/emulators/slack/index.js';

/**
 * Changes by hand about `share` of the grants on one platform, as people do in the platforms'
 * UIs between two runs: a GitHub collaborator's level, a Drive folder shared with an outsider,
 * someone joining a Slack channel. Spread evenly, so most resources change nothing. Each
 * returns how many grants it changed.
 */

/** Calls `change` on every `1 / share`-th grant, `seen` counting from 1; returns how many it changed. */
function changeEvery<T>(share: number, grants: readonly T[], change: (grant: T, seen: number) => boolean): number {
  const every = Math.max(1, Math.round(1 / share));
  let changed = 0;
  for (const [index, grant] of grants.entries()) {
    const seen = index + 1;
    if (seen % every === 0 && change(grant, seen)) changed += 1;
  }
  return changed;
}

export function driftGithub(github: GithubEmulator, share: number): number {
  const grants = Object.entries(github.snapshot().repos).flatMap(([repo, { collaborators }]) => Object.entries(collaborators ?? {}).map(([login, level]) => ({ repo, login, level })));
  return changeEvery(share, grants, ({ repo, login, level }) => {
    const other: RepoPermission = level === 'admin' ? 'pull' : 'admin';
    github.addCollaboratorByHand(repo, login, other);
    return true;
  });
}

export function driftGoogle(google: GoogleEmulator, share: number): number {
  const folders = Object.entries(google.snapshot().drive ?? {}).flatMap(([folder, permissions]) => permissions.map(() => folder));
  return changeEvery(share, folders, (folder, seen) => {
    google.shareByHand(folder, `drift${seen}@gmail.com`, 'reader');
    return true;
  });
}

export function driftSlack(slack: SlackEmulator, share: number): number {
  const workspace = slack.snapshot();
  const users = workspace.users.map((user) => user.id);
  const channels = Object.entries(workspace.channels).flatMap(([channel, { members }]) => members.map(() => ({ channel, members })));
  return changeEvery(share, channels, ({ channel, members }) => {
    const outsider = users.find((id) => !members.includes(id));
    if (!outsider) return false;
    slack.joinByHand(channel, outsider);
    return true;
  });
}
