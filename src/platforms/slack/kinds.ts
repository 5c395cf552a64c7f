import type { KindFacts } from '../kind.js';

/*
 * Steps follow Slack's help pages "Add people to a channel" and "Remove people from a
 * channel": the channel's name opens its details, whose Members tab lists everyone.
 */
export const SLACK_KINDS = [
  {
    kind: 'slack-channel',
    platform: 'slack',
    levels: ['member'],
    identity: 'email',
    ref: {
      says: "a Slack channel id such as C0123ABC (shown at the bottom of the channel's details), not its name",
      example: 'C0123ABC',
      pattern: /^[CG][A-Z0-9]{2,20}$/,
      maxLength: 21,
      owned: false,
      canonical: (ref: string) => ref,
    },
    guide: {
      account: (ref) => `Slack channel ${ref}`,
      words: {},
      open: (ref) => `In Slack, open the channel ${ref} (search its id, or find it by name), click its name at the top, then the Members tab.`,
      add: (who) => `Click Add people, enter ${who}, then Add (someone outside the workspace needs a workspace invitation first).`,
      change: (who) => `Nothing to change for ${who}: a channel has one level, member.`,
      reinvite: (who) => `Click Add people, enter ${who}, then Add.`,
      accept: (who) => `Nothing to do for you: ${who} has to accept the Slack invitation they received by e-mail.`,
      remove: (who) => `Find ${who}, click their name, then Remove from channel and confirm.`,
      cancel: (who) => `Find ${who}, click their name, then Remove from channel and confirm.`,
    },
  },
] as const satisfies readonly KindFacts[];
