import { DEMO_AD_TOKENS, demoAdsEnv } from '../../src/demo/ads-seeds.js';
import type { RecordedRequest } from '../../src/emulators/harness.js';
import { startGoogleAdsEmulator, type GoogleAdsEmulator, type GoogleAdsSeed } from '../../src/emulators/google-ads/index.js';
import { startLinkedinEmulator, type LinkedinEmulator, type LinkedinSeed } from '../../src/emulators/linkedin/index.js';
import { startMetaEmulator, type MetaEmulator, type MetaSeed } from '../../src/emulators/meta/index.js';

/** The three ad platforms on 127.0.0.1 with the demo's credentials, and the environment that reaches them. */
export interface AdEmulators {
  meta: MetaEmulator;
  googleAds: GoogleAdsEmulator;
  linkedin: LinkedinEmulator;
  env: NodeJS.ProcessEnv;
  /** Every request that could change something: Google Ads reads with POST googleAds:search, which is not one. */
  writes(): { platform: string; request: RecordedRequest }[];
  close(): Promise<void>;
}

export interface AdSeeds {
  meta: MetaSeed;
  googleAds: GoogleAdsSeed;
  linkedin: LinkedinSeed;
}

export async function startAdEmulators(seeds: AdSeeds): Promise<AdEmulators> {
  const meta = await startMetaEmulator({ seed: structuredClone(seeds.meta), token: DEMO_AD_TOKENS.meta });
  const googleAds = await startGoogleAdsEmulator({
    seed: structuredClone(seeds.googleAds),
    token: DEMO_AD_TOKENS.googleAds,
    developerToken: DEMO_AD_TOKENS.googleAdsDeveloper,
  });
  const linkedin = await startLinkedinEmulator({ seed: structuredClone(seeds.linkedin), token: DEMO_AD_TOKENS.linkedin });
  const emulators = { meta, googleAds, linkedin };
  return {
    ...emulators,
    env: demoAdsEnv({ meta: meta.url, googleAds: googleAds.url, linkedin: linkedin.url }),
    writes: () =>
      Object.entries(emulators).flatMap(([platform, emulator]) =>
        emulator.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('googleAds:search')).map((request) => ({ platform, request })),
      ),
    close: async () => {
      await Promise.all(Object.values(emulators).map((emulator) => emulator.close()));
    },
  };
}
