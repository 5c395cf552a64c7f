import { emergencyChanges, emergencyRecords, findPerson, resourcesInScope, type EmergencyFindings, type Person, type RevokeScope } from '../../apply/emergency.js';
import { executeChanges, type ChangeResult } from '../../apply/execute.js';
import { appendAudit } from '../../apply/records.js';
import { expandDesired } from '../../desire/expand.js';
import { UsageError } from '../../errors.js';
import { git } from '../../git.js';
import { appendLocalTrail } from '../../history/audit-trail-local.js';
import { proposeRevocation } from '../../history/revoke-pr.js';
import { trailRecords, type TrailRecord } from '../../history/audit-trail-records.js';
import { loadRepository, type Repository } from '../../load/load.js';
import { isResourceKind } from '../../model/kinds.js';
import { fingerprintChanges } from '../../plan/fingerprint.js';
import { readActual } from '../../read/read.js';
import { AdapterSet } from '../../platforms/registry.js';
import { removalEdits, type FileEdit } from '../../review/remove-person.js';
import type { CliOptions } from '../args.js';
import { makeLogger, runContext, secretsOf, type Io } from '../io.js';
import { requireConsent, writeJson } from '../json.js';

function scopeOf(options: CliOptions): RevokeScope {
  const chosen = [options.everywhere, options.client !== undefined, options.resource !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('revoke needs exactly one of --everywhere, --client SLUG, --resource KIND:REF');
  if (options.everywhere) return { everywhere: true };
  if (options.client !== undefined) return { client: options.client };
  const resource = options.resource ?? '';
  const colon = resource.indexOf(':');
  const kind = resource.slice(0, colon);
  if (colon < 1 || colon === resource.length - 1 || !isResourceKind(kind)) throw new UsageError(`--resource must be KIND:REF with a known kind, e.g. github-repo:acme-agency/apex-web; not "${resource}"`);
  return { resource: { kind, ref: resource.slice(colon + 1) } };
}

async function quiet(dir: string, args: readonly string[]): Promise<string> {
  return (await git(dir, args).catch(() => '')).trim();
}

/** `--by`, else the Actions user, else the git user: the records must say who. */
async function whoRevokes(options: CliOptions, io: Io): Promise<string> {
  const by = options.by ?? io.env.GITHUB_ACTOR ?? ((await quiet(options.dir, ['config', 'user.email'])) || (await quiet(options.dir, ['config', 'user.name'])));
  if (!by) throw new UsageError('revoke needs to know who revokes: pass --by, or set the git user (git config user.email)');
  return by;
}

/** The client files the change to the files covers: the clients in scope that declare the person. */
function filesInScope(repository: Repository, scope: RevokeScope, person: Person, owners: ReadonlySet<string>): string[] {
  const declares = repository.clients.filter((loaded) => Object.keys(loaded.data.people).some((key) => person.keys.has(key)));
  const inScope = 'everywhere' in scope ? declares : declares.filter((loaded) => owners.has(loaded.data.client));
  return [...inScope.map((loaded) => loaded.file), ...('everywhere' in scope ? ['policies/people.yaml'] : [])];
}

function describeFindings(who: string, findings: EmergencyFindings): string {
  const lines = [`Emergency revocation of ${who}:`];
  if (findings.changes.length === 0) lines.push('  nothing to remove on the platforms read');
  for (const change of findings.changes) lines.push(`  - revoke ${change.from} ${change.kind} ${change.resource} ${change.principal}`);
  for (const kept of findings.kept) lines.push(`  left: ${kept.level} ${kept.resource.kind} ${kept.resource.ref} ${kept.principal} (${kept.why})`);
  for (const unread of findings.unread) lines.push(`  NOT READ: ${unread.resource.kind} ${unread.resource.ref}: ${unread.error} (the person may still have access there)`);
  return `${lines.join('\n')}\n`;
}

function describeResults(results: readonly ChangeResult[]): string {
  const mark = { applied: '✓', unchanged: '=', failed: '✗', skipped: '·' } as const;
  return results.map((result) => `${mark[result.status]} ${result.status.padEnd(9)} revoke ${result.change.kind} ${result.change.resource} ${result.change.principal}${result.detail ? ` (${result.detail})` : ''}\n`).join('');
}

/** Keeps the records on the clone's audit branch and in `--audit-log`; returns where they went. */
async function keepRecords(options: CliOptions, records: readonly TrailRecord[], by: string): Promise<string[]> {
  const where: string[] = [];
  if (options.auditLog) {
    await appendAudit(options.auditLog, records);
    where.push(options.auditLog);
  }
  if ((await quiet(options.dir, ['rev-parse', '--is-inside-work-tree'])) === 'true') {
    const commit = await appendLocalTrail(options.dir, records, { name: by, email: by.includes('@') ? by : `${by}@users.noreply.github.com` });
    where.push(`branch latch-audit (commit ${commit.slice(0, 7)}; push it: git push origin latch-audit)`);
  }
  return where;
}

function describeKept(where: readonly string[], count: number): string {
  if (where.length === 0) return 'Audit records NOT kept: this is not a git clone and no --audit-log FILE was given.\n';
  return `Audit: ${count} emergency records in ${where.join(' and ')}.\n`;
}

interface RevokeRun {
  identities: string[];
  reason: string;
  by: string;
  findings: EmergencyFindings;
  results: readonly ChangeResult[];
  /** The audit records of `results`, in the same order. */
  records: readonly TrailRecord[];
  kept: string[];
  edits: readonly FileEdit[];
  pull: { number: number; url: string } | undefined;
}

/** `latch revoke --format json`: each revocation with its outcome and audit record id, what was left, what was not read, and the change to the files. */
function revokeJson(run: RevokeRun) {
  return {
    person: run.identities,
    reason: run.reason,
    by: run.by,
    revocations: run.results.map((result, index) => {
      const { kind, resource, principal, from } = result.change;
      return { id: run.records[index]?.id ?? null, status: result.status, detail: result.detail ?? null, kind, resource, principal, from };
    }),
    left: run.findings.kept.map((entry) => ({ kind: entry.resource.kind, resource: entry.resource.ref, principal: entry.principal, level: entry.level, why: entry.why })),
    unread: run.findings.unread.map((entry) => ({ kind: entry.resource.kind, resource: entry.resource.ref, error: entry.error })),
    auditKeptIn: run.kept,
    edits: run.edits.map((edit) => ({ file: edit.file, patch: edit.patch })),
    pullRequest: run.pull ?? null,
  };
}

function patchText(edits: readonly FileEdit[]): string {
  if (edits.length === 0) return 'The files declare none of this access; nothing to change in them.\n';
  return `\nThe change that makes the files agree (git apply it, or pass --pr):\n\n${edits.map((edit) => edit.patch).join('')}`;
}

/**
 * `latch revoke <person> --reason TEXT (--everywhere | --client SLUG | --resource KIND:REF)`:
 * reads the resources in scope for every grant of the person (declared or made by hand),
 * removes them at once after confirmation, keeps emergency audit records, and prints the
 * change to the files. Exit 0 when everything in scope was read and removed, 1 otherwise.
 */
export async function revokeCommand(options: CliOptions, io: Io): Promise<number> {
  const argument = options.args[0] ?? '';
  const reason = options.reason?.trim();
  if (!reason) throw new UsageError('revoke needs --reason TEXT: why the access goes now, kept in the audit records');
  const scope = scopeOf(options);
  requireConsent(options);
  const json = options.format === 'json';
  const say = (text: string): void => {
    if (!json) io.stdout.write(text);
  };
  const logger = makeLogger(io, options);
  const context = runContext(io, options, logger);
  const { repository } = await loadRepository(context.dir, { today: context.today });
  const by = await whoRevokes(options, io);
  const person = findPerson(repository, argument);
  const resources = resourcesInScope(expandDesired(repository, context.today).resources, scope);
  const adapters = new AdapterSet({ config: repository.platforms, env: context.env, logger });
  const readings = await readActual(resources, adapters, { concurrency: context.concurrency, logger, deadlineMs: context.readDeadlineMs, onProgress: context.progress });
  const findings = emergencyChanges(readings, person, reason, repository.guardrails.neverTouch);
  const identities = [...person.identities].sort();
  say(describeFindings(identities.join(', '), findings));
  const prefix = await quiet(context.dir, ['rev-parse', '--show-prefix']);
  const edits = await removalEdits(context.dir, prefix, filesInScope(repository, scope, person, new Set(resources.map((resource) => resource.client))), person);

  let results: ChangeResult[] = [];
  let records: TrailRecord[] = [];
  let kept: string[] = [];
  if (findings.changes.length > 0) {
    if (!options.yes) {
      if (!io.interactive) throw new UsageError('revoke changes platforms: pass --yes where there is no terminal');
      if (!(await io.confirm(`Revoke these ${findings.changes.length} grants now? [y/N] `))) {
        io.stdout.write('Nothing revoked.\n');
        return 0;
      }
    }
    results = await executeChanges(findings.changes, adapters, { concurrency: context.concurrency, logger, secrets: secretsOf(io) });
    say(describeResults(results));
    const commit = await quiet(context.dir, ['rev-parse', 'HEAD']);
    const source = { repository: context.dir, trigger: 'cli' as const, pr: null, mergedBy: null, commit, fingerprint: fingerprintChanges(findings.changes) };
    records = trailRecords(emergencyRecords(results, source, new Date().toISOString(), { reason, by }));
    kept = await keepRecords(options, records, by);
    say(describeKept(kept, records.length));
  }
  say(patchText(edits));
  let pull: { number: number; url: string } | undefined;
  if (options.pr && edits.length > 0) {
    const files = new Map(edits.map((edit) => [edit.file, edit.after]));
    pull = await proposeRevocation(context, files, { person: argument, reason, by, on: context.today });
    say(`Pull request #${pull.number} opened: ${pull.url}\n`);
  }
  if (json) writeJson(io, revokeJson({ identities, reason, by, findings, results, records, kept, edits, pull }));
  const failed = results.filter((result) => result.status === 'failed').length;
  if (failed > 0) io.stderr.write(`${failed} of ${results.length} revocations failed (listed above); the others were carried out.\n`);
  if (findings.unread.length > 0) io.stderr.write(`${findings.unread.length} resources could not be read: the person may still have access there.\n`);
  return failed > 0 || findings.unread.length > 0 ? 1 : 0;
}
