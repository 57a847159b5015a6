// A free loopback port for a server a script or test starts (wrangler dev, its inspector).
import { createServer } from 'node:net'

/** Asks the OS for an unused port on 127.0.0.1, then releases it for the caller to bind. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
