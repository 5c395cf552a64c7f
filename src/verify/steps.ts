import type { Level, ResourceKind } from '../model/kinds.js';
import type { AccessGuide } from '../platforms/kind.js';
import { kindFacts } from '../platforms/kinds.js';

/** What the client (or, for `accept`, the invitee) has to do on the platform. */
export type StepAction = 'add' | 'change' | 'reinvite' | 'accept' | 'remove' | 'cancel';

/** One thing to do, with everything the platform's screens ask for. */
export interface StepInput {
  action: StepAction;
  kind: ResourceKind;
  /** Platform reference of the account. */
  ref: string;
  /** How the person is named to the client: an e-mail, or a name with a LinkedIn URN. */
  who: string;
  /** The level to give (add, change, reinvite). */
  level?: Level;
}

function guideOf(kind: ResourceKind): AccessGuide {
  return kindFacts(kind).guide;
}

/** The account as its platform names it, for headings and sentences. */
export function accountLabel(kind: ResourceKind, ref: string): string {
  return guideOf(kind).account(ref);
}

/** "advertise (partial access: Manage campaigns …)": Latch's level, with the platform's name for it where that differs. */
export function levelLabel(kind: ResourceKind, level: Level): string {
  const words = guideOf(kind).words[level];
  if (!words || words.toLowerCase() === level.replace(/-/g, ' ')) return level;
  return `${level} (${words})`;
}

/** The platform's own steps for one request item, first where to go, then what to click. */
export function platformSteps(input: StepInput): string[] {
  const guide = guideOf(input.kind);
  const level = input.level === undefined ? '' : (guide.words[input.level] ?? input.level);
  if (input.action === 'accept') return [guide.accept(input.who)];
  const what = {
    add: () => guide.add(input.who, level),
    change: () => guide.change(input.who, level),
    reinvite: () => guide.reinvite(input.who, level),
    remove: () => guide.remove(input.who),
    cancel: () => guide.cancel(input.who),
  } as const satisfies Record<Exclude<StepAction, 'accept'>, () => string>;
  return [guide.open(input.ref), what[input.action]()];
}
