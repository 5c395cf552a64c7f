/** The Slack Web API methods Latch calls, with what Slack documents about each. */

/** Slack's published rate tiers: calls per minute per method per workspace that are always allowed. */
export const TIER_PER_MINUTE = { 2: 20, 3: 50, 4: 100 } as const;
export type Tier = keyof typeof TIER_PER_MINUTE;

export interface MethodInfo {
  /** Rate tier; limits are counted per method, so a limit on one never delays another. */
  tier: Tier;
  /** Bot scopes the method needs, named in the error when Slack does not say which one. */
  scopes: string;
  /** Changes something in the workspace (counted as a write). */
  write: boolean;
}

export const METHODS = {
  'auth.test': { tier: 4, scopes: '(none)', write: false },
  'conversations.members': { tier: 4, scopes: 'channels:read (public) or groups:read (private)', write: false },
  'conversations.list': { tier: 2, scopes: 'channels:read (public) and groups:read (private)', write: false },
  'users.list': { tier: 2, scopes: 'users:read and users:read.email', write: false },
  'users.info': { tier: 4, scopes: 'users:read and users:read.email', write: false },
  'users.lookupByEmail': { tier: 3, scopes: 'users:read.email', write: false },
  'conversations.invite': { tier: 3, scopes: 'channels:manage (public) or groups:write (private)', write: true },
  'conversations.kick': { tier: 3, scopes: 'channels:manage (public) or groups:write (private)', write: true },
  // Slack's own limit is about one message per second per channel, close to tier 3.
  'chat.postMessage': { tier: 3, scopes: 'chat:write', write: true },
} as const satisfies Record<string, MethodInfo>;

export type SlackMethod = keyof typeof METHODS;

/**
 * The pause a tier guarantees between two calls; used when a 429 arrives without the
 * Retry-After header Slack normally sends.
 */
export function tierIntervalMs(method: SlackMethod): number {
  return Math.ceil(60_000 / TIER_PER_MINUTE[METHODS[method].tier]);
}
