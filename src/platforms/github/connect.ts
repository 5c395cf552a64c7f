import type { PlatformContext } from '../adapter.js';
import { openReadCache } from '../cache-key.js';
import { createApi, DEFAULT_RESERVE, PLATFORM, readSettings, type GithubApi, type GithubTuning } from './client.js';

/** `github.rateLimit.reserve` ("20%") as a share from 0 to 1; the default when unset. */
function reserveOf(context: PlatformContext): number {
  const reserve = context.config.github?.rateLimit?.reserve;
  return reserve === undefined ? DEFAULT_RESERVE : Number.parseInt(reserve, 10) / 100;
}

/**
 * The client of one run: where and as whom from the environment, the rate-limit reserve from
 * `policies/platforms.yaml`, the read cache when the run keeps one. The adapter and the
 * importer both connect here, so neither can spend past a reserve the other keeps.
 */
export function connect(context: PlatformContext, tuning: GithubTuning = {}): GithubApi {
  const settings = readSettings(context.env);
  return createApi(settings, context.logger, tuning, reserveOf(context), openReadCache(context, PLATFORM, settings.baseUrl));
}
