import type { ResourceKind } from '../model/kinds.js';
import type { AdapterFactory, PlatformAdapter, PlatformContext } from './adapter.js';
import { githubFactory } from './github/index.js';
import { slackFactory } from './slack/index.js';
import { googleFactory } from './google/index.js';
import { metaFactory } from './meta/index.js';
import { googleAdsFactory } from './google-ads/index.js';
import { linkedinFactory } from './linkedin/index.js';
import { tiktokFactory } from './tiktok/index.js';
import { awsFactory } from './aws/index.js';
import { jiraFactory } from './jira/index.js';

/** Every platform Latch speaks, by id. Adding a platform means adding one line here. */
export const PLATFORMS: ReadonlyMap<string, AdapterFactory> = new Map(
  [githubFactory, slackFactory, googleFactory, metaFactory, googleAdsFactory, linkedinFactory, tiktokFactory, awsFactory, jiraFactory].map((factory) => [factory.id, factory]),
);

/** The platform that reconciles a kind, or undefined when no adapter exists for it yet. */
export function factoryForKind(kind: ResourceKind, factories: Iterable<AdapterFactory> = PLATFORMS.values()): AdapterFactory | undefined {
  for (const factory of factories) if (factory.kinds.includes(kind)) return factory;
  return undefined;
}

export function factoryById(id: string): AdapterFactory {
  const factory = PLATFORMS.get(id);
  if (!factory) throw new Error(`unknown platform "${id}"; known platforms: ${[...PLATFORMS.keys()].join(', ')}`);
  return factory;
}

/** Creates adapters lazily, once per platform per run, so a run needs only the credentials it uses. */
export class AdapterSet {
  private readonly made = new Map<string, PlatformAdapter>();
  constructor(
    private readonly context: PlatformContext,
    private readonly factories: readonly AdapterFactory[] = [...PLATFORMS.values()],
  ) {}

  forKind(kind: ResourceKind): PlatformAdapter {
    const factory = factoryForKind(kind, this.factories);
    if (!factory) throw new Error(`no platform adapter handles resource kind ${kind} yet`);
    let adapter = this.made.get(factory.id);
    if (!adapter) {
      adapter = factory.create(this.context);
      this.made.set(factory.id, adapter);
    }
    return adapter;
  }

  /** Adapters created so far. */
  created(): PlatformAdapter[] {
    return [...this.made.values()];
  }
}
