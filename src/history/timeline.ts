import { expandDesired } from '../desire/expand.js';
import type { GuardrailsFile, RolesFile } from '../load/model.js';
import { CLIENT_FILE, POLICY_FILES } from '../load/load.js';
import { resolveClient, type LoadedPeople, type WrittenClient } from '../load/people.js';
import type { LoadedClient } from '../load/types.js';
import type { DesiredGrant } from '../model/grants.js';
import type { Attribution, CommitInfo } from './commits.js';
import { parseClientAt, parsePeopleAt, parsePolicyAt } from './parse-at.js';
import { compareRows, justificationOf, type HistoryWarning, type RegisterRow } from './register-row.js';
import { kindFacts } from '../platforms/kinds.js';

/** A moment the desired grants may change: a commit landing, or a day an `until` has passed. */
interface Moment {
  /** YYYY-MM-DD (UTC), the day grants are expanded for. */
  day: string;
  /** ISO 8601 in UTC for a commit, the day itself for an expiry. */
  at: string;
  /** The commit's change; absent for an expiry. */
  change?: Attribution;
}

/** Whether a path of the history matters to the register. */
export function isTracked(path: string): boolean {
  return CLIENT_FILE.test(path) || path === POLICY_FILES.roles || path === POLICY_FILES.guardrails || path === POLICY_FILES.people;
}

export function utcInstant(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : new Date(time).toISOString().replace('.000Z', 'Z');
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function grantKey(grant: DesiredGrant): string {
  return `${grant.kind}\u0000${grant.resource}\u0000${grant.principal}`;
}

/**
 * Replays the main line commit by commit and turns each client's desired grants, before and
 * after, into register rows. Only the files a commit changed are parsed again; every client
 * is expanded again only when the role catalogue or the guardrails change. Between commits,
 * the days after an `until` are moments of their own, so an expiry is dated by its day, not
 * by the next unrelated commit.
 */
export class Timeline {
  private roles: RolesFile | undefined;
  private guardrails: GuardrailsFile | undefined;
  private people: LoadedPeople | undefined;
  private readonly clients = new Map<string, WrittenClient>();
  private readonly open = new Map<string, Map<string, RegisterRow>>();
  private readonly expiries = new Map<string, Set<string>>();
  private day = '0000-00-00';
  private readonly closed: RegisterRow[] = [];
  readonly warnings: HistoryWarning[] = [];

  /** Replays one commit; `contents` holds the files' text by blob id. */
  commit(commit: CommitInfo, contents: ReadonlyMap<string, string>, change: Attribution): void {
    const at = utcInstant(commit.committedAt);
    this.advanceTo(at.slice(0, 10));
    const moment: Moment = { day: this.day, at, change };
    let policiesChanged = false;
    const touched = new Set<string>();
    for (const file of commit.files) {
      if (!isTracked(file.path)) continue;
      const content = file.blob === undefined ? undefined : contents.get(file.blob);
      if (file.path === POLICY_FILES.people) {
        policiesChanged = this.readPeople(commit, file.path, content) || policiesChanged;
        continue;
      }
      if (file.path === POLICY_FILES.roles || file.path === POLICY_FILES.guardrails) {
        policiesChanged = this.readPolicy(commit, file.path, content) || policiesChanged;
        continue;
      }
      if (file.blob === undefined) {
        this.clients.delete(file.path);
        touched.add(file.path);
      } else if (this.readClient(commit, file.path, content)) {
        touched.add(file.path);
      }
    }
    const targets = policiesChanged ? new Set([...this.clients.keys(), ...this.open.keys()]) : touched;
    for (const path of targets) this.recompute(path, moment);
  }

  /** Closes the replay at `today`: expiries up to today are applied; what is still open is current. */
  finish(today: string): RegisterRow[] {
    this.advanceTo(today);
    const current = [...this.open.values()].flatMap((rows) => [...rows.values()]);
    return [...this.closed, ...current].sort(compareRows);
  }

  private advanceTo(day: string): void {
    const due = [...this.expiries.keys()].filter((expiry) => expiry <= day).sort();
    for (const expiry of due) {
      const files = this.expiries.get(expiry) ?? new Set<string>();
      this.expiries.delete(expiry);
      this.day = expiry > this.day ? expiry : this.day;
      // A last day in people.yaml ends access in every client file.
      const paths = files.has(POLICY_FILES.people) ? new Set([...this.clients.keys(), ...this.open.keys()]) : files;
      for (const path of paths) this.recompute(path, { day: expiry, at: expiry });
    }
    // Committer dates can go backwards (rebases); expanding for an earlier day would revive expired access.
    if (day > this.day) this.day = day;
  }

  private warn(commit: CommitInfo, file: string, message: string): void {
    this.warnings.push({ commit: commit.id, file, message });
  }

  private readPolicy(commit: CommitInfo, path: string, content: string | undefined): boolean {
    if (content === undefined) {
      this.warn(commit, path, `${path} was deleted or unreadable here; the history keeps the version before`);
      return false;
    }
    if (path === POLICY_FILES.roles) {
      const parsed = parsePolicyAt('roles', path, content);
      if (parsed.ok) this.roles = parsed.value;
      else this.warn(commit, path, `skipped: ${parsed.reason}`);
      return parsed.ok;
    }
    const parsed = parsePolicyAt('guardrails', path, content);
    if (parsed.ok) this.guardrails = parsed.value;
    else this.warn(commit, path, `skipped: ${parsed.reason}`);
    return parsed.ok;
  }

  /** people.yaml: deleting it is a change too (its people no longer resolve), unlike the other policies. */
  private readPeople(commit: CommitInfo, path: string, content: string | undefined): boolean {
    if (content === undefined) {
      this.people = undefined;
      return true;
    }
    const parsed = parsePeopleAt(path, content);
    if (!parsed.ok) {
      this.warn(commit, path, `skipped: ${parsed.reason}`);
      return false;
    }
    this.people = parsed.value;
    for (const person of Object.values(parsed.value.people)) this.expireOn(person.until, path);
    return true;
  }

  private expireOn(until: string | undefined, path: string): void {
    if (until === undefined) return;
    const expiry = nextDay(until);
    if (expiry <= this.day) return;
    const files = this.expiries.get(expiry) ?? new Set<string>();
    files.add(path);
    this.expiries.set(expiry, files);
  }

  /** A client file with the people.yaml of the moment resolved; people who do not resolve have no access. */
  private resolved(path: string): LoadedClient | undefined {
    const written = this.clients.get(path);
    if (!written) return undefined;
    const { data, locate } = resolveClient(written, this.people);
    return { file: written.file, data, locate };
  }

  private readClient(commit: CommitInfo, path: string, content: string | undefined): boolean {
    if (content === undefined) {
      this.warn(commit, path, 'skipped: its content could not be read');
      return false;
    }
    const parsed = parseClientAt(path, content);
    if (!parsed.ok) {
      this.warn(commit, path, `skipped: ${parsed.reason}`);
      return false;
    }
    this.clients.set(path, parsed.value);
    const { people, grants } = parsed.value.data;
    const untils = [...Object.values(people).map((person) => person.until), ...grants.map((grant) => grant.until)];
    for (const until of untils) this.expireOn(until, path);
    return true;
  }

  private desiredOf(path: string, day: string): DesiredGrant[] {
    const client = this.resolved(path);
    if (!client || !this.roles || !this.guardrails) return [];
    return expandDesired({ dir: '', clients: [client], roles: this.roles, guardrails: this.guardrails, platforms: {} }, day).grants;
  }

  private recompute(path: string, moment: Moment): void {
    const open = this.open.get(path) ?? new Map<string, RegisterRow>();
    const desired = new Map(this.desiredOf(path, moment.day).map((grant) => [grantKey(grant), grant]));
    for (const [key, row] of open) {
      const grant = desired.get(key);
      if (grant?.level === row.level) {
        this.refresh(row, path, grant);
        continue;
      }
      this.close(row, moment, grant !== undefined);
      open.delete(key);
    }
    for (const [key, grant] of desired) {
      if (!open.has(key)) open.set(key, this.openRow(path, grant, moment));
    }
    if (open.size > 0) this.open.set(path, open);
    else this.open.delete(path);
  }

  private refresh(row: RegisterRow, path: string, grant: DesiredGrant): void {
    row.person = grant.person;
    row.email = this.resolved(path)?.data.people[grant.person]?.email ?? row.email;
    row.side = grant.side;
    row.justification = justificationOf(grant.because[0]);
    row.expectedEnd = grant.until;
  }

  private openRow(path: string, grant: DesiredGrant, moment: Moment): RegisterRow {
    return {
      client: grant.client,
      person: grant.person,
      email: this.resolved(path)?.data.people[grant.person]?.email ?? '',
      side: grant.side,
      platform: kindFacts(grant.kind).platform,
      kind: grant.kind,
      resource: grant.resource,
      principal: grant.principal,
      level: grant.level,
      status: 'current',
      grantedOn: moment.at,
      ...(moment.change && { grantedBy: moment.change.author, grantedPr: moment.change.pr, grantedCommit: moment.change.commit, mergedBy: moment.change.mergedBy }),
      justification: justificationOf(grant.because[0]),
      expectedEnd: grant.until,
    };
  }

  private close(row: RegisterRow, moment: Moment, levelChanged: boolean): void {
    row.revokedOn = moment.at;
    const { change } = moment;
    if (change) {
      row.status = levelChanged ? 'changed' : 'ended';
      row.revokedBy = change.author;
      row.revokedPr = change.pr;
      row.revokedCommit = change.commit;
    } else {
      row.status = row.expectedEnd !== undefined && row.expectedEnd < moment.day ? 'expired' : 'changed';
    }
    this.closed.push(row);
  }
}
