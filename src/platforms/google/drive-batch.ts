import type { z } from 'zod';
import { PlatformError } from '../../errors.js';
import type { ActualGrant } from '../../model/grants.js';
import { createBatcher } from '../batch.js';
import { MAX_BATCH_PARTS, sendBatch, type BatchCall, type BatchOutcome } from './batch-send.js';
import { checkAnswer } from './call.js';
import type { GoogleApi } from './client.js';
import { LOCATION_FIELDS, PERMISSIONS_PAGE_SIZE, PERMISSION_FIELDS, grantsOfPermissions, listDriveGrants, listPermissions, permissionsPath, remember } from './drive.js';
import { PLATFORM } from './levels.js';
import { DriveItem, PermissionList, type Permission } from './schema.js';

/** Each folder takes two calls of a batch: its permissions' first page, and where it lives. */
const FOLDERS_PER_BATCH = MAX_BATCH_PARTS / 2;

/** Reads Drive folders' grants, in batches for the folders the run announced. */
export interface DriveReader {
  /** Folders the run will list: they are read in batches of 50, ahead of being asked for. */
  expect(fileIds: readonly string[]): void;
  /** Every grant on one folder. Returns the complete list or throws; only this folder's own calls decide. */
  list(fileId: string): Promise<ActualGrant[]>;
}

function query(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

function callsOf(fileId: string, index: number): [BatchCall, BatchCall] {
  const permissions = permissionsPath(fileId);
  return [
    {
      id: `permissions-${index}`,
      path: `/${permissions}?${query({ supportsAllDrives: 'true', pageSize: String(PERMISSIONS_PAGE_SIZE), fields: PERMISSION_FIELDS })}`,
      what: `GET ${permissions}`,
    },
    { id: `location-${index}`, path: `/drive/v3/files/${fileId}?${query({ supportsAllDrives: 'true', fields: LOCATION_FIELDS })}`, what: `GET drive/v3/files/${fileId}` },
  ];
}

/** A call's answer in the expected shape; its own failure is thrown. */
function bodyOf<T>(api: GoogleApi, outcome: BatchOutcome, call: BatchCall, shape: z.ZodType<T>): T {
  const answer = outcome.get(call.id);
  if (answer instanceof PlatformError) throw answer;
  if (!answer) throw new PlatformError(PLATFORM, 'list', `${call.what}: the batch answer has no part for this call`, { retryable: true });
  return checkAnswer(api, { operation: 'list', what: call.what, method: 'GET' }, shape, answer.body);
}

/**
 * One folder from its two answers: both must succeed, and a permission list longer than one
 * page is read on with single calls from the token the batch handed out.
 */
async function permissionsOf(api: GoogleApi, fileId: string, outcome: BatchOutcome, [permissions, location]: [BatchCall, BatchCall]): Promise<Permission[] | Error> {
  try {
    const page = bodyOf(api, outcome, permissions, PermissionList);
    remember(api, fileId, bodyOf(api, outcome, location, DriveItem));
    if (!page.nextPageToken) return page.permissions;
    return [...page.permissions, ...(await listPermissions(api, fileId, 'list', page.nextPageToken))];
  } catch (error) {
    return error instanceof Error ? error : new PlatformError(PLATFORM, 'list', `${permissions.what}: ${String(error)}`);
  }
}

async function readBatch(api: GoogleApi, fileIds: readonly string[]): Promise<Array<Permission[] | Error>> {
  const reads = fileIds.map((fileId, index) => ({ fileId, calls: callsOf(fileId, index) }));
  const outcome = await sendBatch(api, reads.flatMap((read) => read.calls));
  return Promise.all(reads.map((read) => permissionsOf(api, read.fileId, outcome, read.calls)));
}

/**
 * Drive answers up to 100 calls in one HTTP request (`POST batch/drive/v3`), so the announced
 * folders are read 50 to a request instead of two requests each. Drive still counts each call
 * against its quota; what batching saves is HTTP round trips. A folder that was not announced
 * is read with single calls, as before.
 */
export function createDriveReader(api: GoogleApi): DriveReader {
  const announced = new Set<string>();
  const batcher = createBatcher<string, Permission[]>(FOLDERS_PER_BATCH, (fileId) => fileId, (fileIds) => readBatch(api, fileIds));
  return {
    expect(fileIds) {
      for (const fileId of fileIds) announced.add(fileId);
      batcher.expect(fileIds);
    },
    async list(fileId) {
      if (!announced.has(fileId)) return listDriveGrants(api, fileId);
      return grantsOfPermissions(fileId, await batcher.load(fileId));
    },
  };
}
