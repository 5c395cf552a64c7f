import { today } from '../clock.js';
import { loadRepository } from '../load/load.js';
import { sideOf } from '../load/sides.js';
import { addDrift } from './drift.js';
import { startSandboxPlatforms } from './platforms.js';
import { demoState, type SandboxState } from './state.js';

/** `latch apply --yes` of the repository with `env` added to the environment; returns its exit code. */
export type ApplyRun = (env: Readonly<Record<string, string>>) => Promise<number>;

/** A declared resource and everyone a client file names, as the seeding needs them. */
interface Declared {
  resources: { kind: string; ref: string }[];
  emails: Set<string>;
  logins: Set<string>;
  /** GitHub logins of the agency's own people: members of the organisation, where everyone else is an outside collaborator. */
  members: Set<string>;
}

async function declared(dir: string, env: NodeJS.ProcessEnv): Promise<Declared & { org: string }> {
  const { repository } = await loadRepository(dir, { today: today(env) });
  const found: Declared = { resources: [], emails: new Set(), logins: new Set(), members: new Set() };
  // policies/people.yaml names agency people before any client does: a change that adds one to a client needs their account.
  const people = [...Object.values(repository.people?.people ?? {}), ...repository.clients.flatMap((client) => Object.values(client.data.people))];
  for (const client of repository.clients) {
    for (const resource of Object.values(client.data.resources)) found.resources.push({ kind: resource.kind, ref: resource.ref });
  }
  for (const person of people) {
    found.emails.add(person.email);
    if (person.github) found.logins.add(person.github);
    if (person.github && sideOf(person.email, repository.guardrails) === 'agency') found.members.add(person.github);
  }
  const org = repository.platforms.github?.org ?? demoState().github.org;
  return { ...found, org };
}

const localPart = (email: string) => email.split('@')[0] ?? email;

/** Everyone exists on every platform that needs an account before access can be given; the demo agency's people are not in the organisation. */
function addPeople(state: SandboxState, found: Declared): void {
  state.github.members = [...found.members];
  state.github.owners = [];
  state.github.users = [...found.logins].filter((login) => !found.members.has(login));
  for (const email of found.emails) {
    const name = localPart(email);
    if (!state.slack.users.some((user) => user.email === email)) state.slack.users.push({ id: `U${name.toUpperCase().replace(/[^A-Z0-9]/g, '')}${state.slack.users.length}`, email, name });
    if (!state.aws.users.some((user) => user.email === email)) state.aws.users.push({ id: `u-${name}-${state.aws.users.length}`, userName: name, email });
    if (!Object.values(state.jira.users).some((user) => user.email === email)) state.jira.users[`ac-${name}-${Object.keys(state.jira.users).length}`] = { email, displayName: name };
  }
}

/** Each declared resource exists, and the ones Latch manages hold no access yet: apply gives exactly what the files say. */
function addResources(state: SandboxState, found: Declared): void {
  // The demo's other repositories would hold outside collaborators nobody in these files has heard of, for the audit to list.
  state.github.repos = {};
  state.github.teams = {};
  for (const { kind, ref } of found.resources) {
    if (kind === 'github-repo') state.github.repos[ref] = { collaborators: {} };
    else if (kind === 'github-team') (state.github.teams ??= {})[ref.split('/').pop() ?? ref] = {};
    else if (kind === 'drive-folder' || kind === 'drive-file') {
      // On a shared drive every level a role may name (organizer too) can be given; items there have no owner.
      (state.google.drive ??= {})[ref] = [];
      (state.google.sharedDrives ??= {})[ref] ??= `0AShared${ref}`;
    }
    else if (kind === 'google-group') (state.google.groups ??= {})[ref] = [];
    else if (kind === 'ga4-property') (state.google.ga4 ??= {})[ref] ??= { bindings: [] };
    else if (kind === 'slack-channel') state.slack.channels[ref] = { name: state.slack.channels[ref]?.name ?? ref.toLowerCase(), members: [] };
    else if (kind === 'aws-account') {
      if (!state.aws.accounts.includes(ref)) state.aws.accounts.push(ref);
      state.aws.assignments = state.aws.assignments.filter((assignment) => assignment.account !== ref);
    } else if (kind === 'jira-project') state.jira.projects[ref] = { name: state.jira.projects[ref]?.name ?? ref, roles: {} };
    else if (kind === 'meta-ad-account') state.meta.adAccounts[ref] ??= {};
    else if (kind === 'google-ads-account') state.googleAds.customers[ref] ??= { users: {} };
    else if (kind === 'tiktok-ad-account') state.tiktok.accounts[ref] ??= { members: {} };
    else if (kind === 'linkedin-ad-account') state.linkedin.accounts[ref] ??= {};
  }
}

/**
 * The platforms as an access repository's files declare them: every resource its client
 * files name exists, Latch's own `apply` gives the declared access (so the grants are exactly
 * what the adapters would make), invitations are accepted, and then some drift is made by
 * hand. Returns the state and one line per drift, for the sandbox to report.
 */
export async function seedFromRepository(dir: string, env: NodeJS.ProcessEnv, apply: ApplyRun): Promise<{ state: SandboxState; story: string[] }> {
  const found = await declared(dir, env);
  const state = demoState();
  state.github.org = found.org;
  state.repository = `${found.org}/access`;
  addPeople(state, found);
  addResources(state, found);
  const platforms = await startSandboxPlatforms(state);
  try {
    const code = await apply(platforms.env);
    for (const login of found.logins) platforms.github.acceptInvitations(login);
    const applied = platforms.snapshot();
    const story = [`latch apply gave the declared access (exit ${code}${code === 0 ? '' : ': some grants failed, see `latch plan`'}).`, ...addDrift(applied, found.resources)];
    return { state: applied, story };
  } finally {
    await platforms.close();
  }
}
