import type { GithubEmulator, RepoPermission } from '../src/emulators/github/index.js';
import type { GoogleEmulator } from '../src/emulators/google/index.js';
import type { SlackEmulator } from '../src/emulators/slack/index.js';

/**
 * Changes by hand about `share` of the grants on one platform, as people do in the platforms'
 * UIs between two runs: a GitHub collaborator's level, a Drive folder shared with an outsider,
 * someone joining a Slack channel. Spread evenly, so most resources change nothing. Each
 * returns how many grants it changed.
 */
const everyOf = (share: number): number => Math.max(1, Math.round(1 / share));

export function driftGithub(github: GithubEmulator, share: number): number {
  const every = everyOf(share);
  let changed = 0;
  let seen = 0;
  for (const [repo, { collaborators }] of Object.entries(github.snapshot().repos)) {
    for (const [login, level] of Object.entries(collaborators ?? {})) {
      seen += 1;
      if (seen % every !== 0) continue;
      const other: RepoPermission = level === 'admin' ? 'pull' : 'admin';
      github.addCollaboratorByHand(repo, login, other);
      changed += 1;
    }
  }
  return changed;
}

export function driftGoogle(google: GoogleEmulator, share: number): number {
  const every = everyOf(share);
  let changed = 0;
  let seen = 0;
  for (const [folder, permissions] of Object.entries(google.snapshot().drive ?? {})) {
    for (let index = 0; index < permissions.length; index += 1) {
      seen += 1;
      if (seen % every !== 0) continue;
      google.shareByHand(folder, `drift${seen}@gmail.com`, 'reader');
      changed += 1;
    }
  }
  return changed;
}

export function driftSlack(slack: SlackEmulator, share: number): number {
  const every = everyOf(share);
  let changed = 0;
  let seen = 0;
  const workspace = slack.snapshot();
  const users = workspace.users.map((user) => user.id);
  for (const [channel, { members }] of Object.entries(workspace.channels)) {
    for (let index = 0; index < members.length; index += 1) {
      seen += 1;
      if (seen % every !== 0) continue;
      const outsider = users.find((id) => !members.includes(id));
      if (!outsider) continue;
      slack.joinByHand(channel, outsider);
      changed += 1;
    }
  }
  return changed;
}
