// The environment every `wrangler` this project starts runs in (npm start, deploy, tests, benchmarks).

export function wranglerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // wrangler dev fetches a sample `request.cf` object from workers.cloudflare.com at start; offline that prints
    // ENOTFOUND with a stack trace, twice. The Worker never reads `request.cf`, so the placeholder is enough.
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    WRANGLER_SEND_METRICS: 'false',
    ...extra,
  }
}
