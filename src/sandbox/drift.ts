import type { SandboxState } from './state.js';

const OUTSIDER = 'jake@freelance-studio.com';
const OUTSIDER_LOGIN = 'jake-freelance';

/**
 * Drift a real organisation has: access given by hand, declared access taken away by hand,
 * and an outsider on a client's resource. Changes `state`; returns one line per change.
 */
export function addDrift(state: SandboxState, resources: readonly { kind: string; ref: string }[]): string[] {
  const story: string[] = [];
  const first = (kind: string) => resources.find((resource) => resource.kind === kind)?.ref;
  const repo = first('github-repo');
  const repoState = repo ? state.github.repos[repo] : undefined;
  if (repo && repoState) {
    state.github.users = [...new Set([...(state.github.users ?? []), OUTSIDER_LOGIN])];
    (repoState.collaborators ??= {})[OUTSIDER_LOGIN] = 'admin';
    story.push(`by hand: ${OUTSIDER_LOGIN} is admin of ${repo} (nobody declared it)`);
  }
  const channel = first('slack-channel');
  const channelState = channel ? state.slack.channels[channel] : undefined;
  const removed = channelState?.members.filter((member) => member !== (state.slack.botUserId ?? 'U0LATCHBOT')).pop();
  if (channel && channelState && removed) {
    channelState.members = channelState.members.filter((member) => member !== removed);
    const email = state.slack.users.find((user) => user.id === removed)?.email ?? removed;
    story.push(`missing: ${email} was removed from Slack channel ${channel} by hand (the files give access)`);
  }
  const folder = first('drive-folder') ?? first('drive-file');
  const drive = folder ? state.google.drive?.[folder] : undefined;
  if (folder && drive) {
    drive.push({ email: OUTSIDER, role: 'writer' });
    story.push(`outsider: ${OUTSIDER} can edit Drive item ${folder}`);
  }
  return story;
}
