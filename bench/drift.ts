import type { GithubEmulator, RepoPermission } from '../src/emulators/github/index.js';
import type { GoogleEmulator } from '../src/emulators/google/index.js';
import type { SlackEmulator } from '../src/emulators/slack/index.js';

interface Platforms {
  github: GithubEmulator;
  google: GoogleEmulator;
  slack: SlackEmulator;
}

/**
 * Changes about `share` of the grants on each platform by hand, as people do in the platforms'
 * UIs between two runs: a GitHub collaborator's level, a Drive folder shared with an outsider,
 * someone joining a Slack channel. Spread evenly, so most resources change nothing. Returns
 * how many grants changed per platform.
 */
export function driftOnePercent(platforms: Platforms, share: number): Record<string, number> {
  const every = Math.max(1, Math.round(1 / share));
  const changed = { github: 0, google: 0, slack: 0 };
  let seen = 0;
  for (const [repo, { collaborators }] of Object.entries(platforms.github.snapshot().repos)) {
    for (const [login, level] of Object.entries(collaborators ?? {})) {
      seen += 1;
      if (seen % every !== 0) continue;
      const other: RepoPermission = level === 'admin' ? 'pull' : 'admin';
      platforms.github.addCollaboratorByHand(repo, login, other);
      changed.github += 1;
    }
  }
  seen = 0;
  for (const [folder, permissions] of Object.entries(platforms.google.snapshot().drive ?? {})) {
    for (let index = 0; index < permissions.length; index += 1) {
      seen += 1;
      if (seen % every !== 0) continue;
      platforms.google.shareByHand(folder, `drift${seen}@gmail.com`, 'reader');
      changed.google += 1;
    }
  }
  seen = 0;
  const workspace = platforms.slack.snapshot();
  const users = workspace.users.map((user) => user.id);
  for (const [channel, { members }] of Object.entries(workspace.channels)) {
    for (let index = 0; index < members.length; index += 1) {
      seen += 1;
      if (seen % every !== 0) continue;
      const outsider = users.find((id) => !members.includes(id));
      if (!outsider) continue;
      platforms.slack.joinByHand(channel, outsider);
      changed.slack += 1;
    }
  }
  return changed;
}
