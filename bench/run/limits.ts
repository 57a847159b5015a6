// Cloudflare Workers limits the capacity estimate is measured against, with where and when they were read.

export const LIMITS_READ_ON = '2026-11-22'

const MIB = 1024 * 1024

export const LIMITS = {
  /** Compressed Worker size, Workers Free. */
  freeBundleGzipBytes: 3 * MIB,
  /** Compressed Worker size, Workers Paid. */
  paidBundleGzipBytes: 10 * MIB,
  /** Uncompressed Worker size in the newest stored copy of the limits page (both plans). */
  newBundleRawBytes: 64 * MIB,
  /** Memory per isolate, both plans. */
  isolateMemoryBytes: 128 * MIB,
  /** Parse and run the global scope, both plans. */
  startupMs: 1000,
  /** CPU time per request, Workers Free. */
  freeCpuMs: 10,
} as const

/** Sources, as Markdown list items. */
export const LIMIT_SOURCES = [
  'Cloudflare, *Workers › Platform › Limits* (developers.cloudflare.com/workers/platform/limits/; stored copies read ' +
    `${LIMITS_READ_ON} through the project's documentation search): CPU time 10 ms (Free) / 5 min (Paid); memory 128 MB per isolate on both plans; ` +
    'Worker size 3 MB (Free) / 10 MB (Paid); Worker startup time 1 second.',
  'cloudflare/cloudflare-docs PR #18400 (workers/observability/errors.mdx): "A Worker can be up to 10 MB in size after compression on the ' +
    'Workers Paid plan, and up to 3 MB on the Workers Free plan" (the sizes are compressed sizes).',
  'Cloudflare changelog 2025-10-10, *Worker startup time limit increased to 1 second* (it was 400 ms).',
  '**Watch out:** a newer stored copy of the same limits page lists *Worker size 64 MiB* on both plans, and cloudflare-docs PR #31002 (draft, May 2026) ' +
    'describes "a single 64 MiB uncompressed limit on all Workers plans, matching the removal of the former compressed 3 MB/10 MB limit". ' +
    'The estimate below uses 3 MB / 10 MB compressed, as the brief asks, and also reports the 64 MiB uncompressed line.',
]
