// The part of autocannon 9's API the benchmark uses (the package ships no types).
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string
      path?: string
      headers?: Record<string, string>
      setupRequest?: (request: Request, context: Record<string, unknown>) => Request
    }
    interface Options {
      url: string
      connections?: number
      duration?: number
      amount?: number
      /** Seconds before a request counts as timed out. */
      timeout?: number
      requests?: Request[]
    }
    interface Result {
      requests: { total: number; average: number }
      errors: number
      timeouts: number
      non2xx: number
    }
    interface Instance {
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void
      /** A request that got no response: a socket error, or `request timed out`. */
      on(event: 'reqError', listener: (error: Error & { code?: string }) => void): void
      stop(): void
    }
  }
  function autocannon(options: autocannon.Options, callback: (error: Error | null, result: autocannon.Result) => void): autocannon.Instance
  export default autocannon
}
