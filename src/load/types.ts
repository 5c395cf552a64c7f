import type { ConfigIssue } from '../errors.js';
import type { SourcePosition } from '../model/grants.js';
import type { ClientFile, GuardrailsFile, PlatformsFile, RolesFile } from './model.js';
import type { LoadedPeople } from './people.js';

/** One client file, validated, with the positions of its nodes. */
export interface LoadedClient {
  /** Path relative to the config directory: `clients/apex.yaml`. */
  file: string;
  /** The file's content after schema validation, defaults applied, people of policies/people.yaml resolved. */
  data: ClientFile;
  /** 1-based position of the node at `path` (e.g. ['people','dana','role']), or of the nearest existing parent. */
  locate(path: readonly (string | number)[]): SourcePosition;
}

/** Everything the configuration directory declares, validated. */
export interface Repository {
  /** The configuration directory, as given. */
  dir: string;
  /** Client files, sorted by slug. */
  clients: LoadedClient[];
  roles: RolesFile;
  guardrails: GuardrailsFile;
  platforms: PlatformsFile;
  /** policies/people.yaml, when the repository has one (client files already carry its identities). */
  people?: LoadedPeople;
}

export interface LoadResult {
  repository: Repository;
  /** Issues that do not stop a plan (expired grants, unusual e-mail domains), sorted by file and position. */
  warnings: ConfigIssue[];
  /** Advice that is neither an error nor a warning of the plan: agency people repeated inline (shown by validate). */
  suggestions: ConfigIssue[];
}

/** A loaded client as the validation rules see it: positions of keys as well as values. */
export interface SourcedClient extends LoadedClient {
  /** Position of the key naming the node at `path` (the `dana:` of a person). */
  locateKey(path: readonly (string | number)[]): SourcePosition;
}

/** What every rule may consult besides the client file itself. */
export interface RuleContext {
  roles: RolesFile;
  guardrails: GuardrailsFile;
  /** YYYY-MM-DD. */
  today: string;
}
