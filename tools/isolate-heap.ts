// The JS heap of a Worker's isolate inside workerd, read over the DevTools protocol through wrangler dev's inspector
// (`wrangler dev --inspector-port N`). Used by the deploy budget check, the benchmarks and the load test.

/** Above this, the heap snapshot that forces a GC is too large to stream through the inspector in reasonable time. */
const SNAPSHOT_MAX_HEAP_BYTES = 400 * 1024 * 1024

export interface IsolateHeap {
  /** Used JS heap; after a full GC when `collected`. */
  usedBytes: number
  totalBytes: number
  /** Used JS heap as first read, garbage included. */
  beforeGcBytes: number
  /** workerd ignores HeapProfiler.collectGarbage; a heap snapshot (streamed and discarded) makes V8 collect first. */
  collected: boolean
}

export interface IsolateHeapOptions {
  /**
   * The inspector's WebSocket path: `ws` for wrangler dev's proxy (the first config's Worker); a Worker's name for
   * Miniflare's, which serves every Worker started with `unsafeInspectorProxy`.
   */
  target?: string
  /** Force a full GC first (a streamed heap snapshot, seconds on a large heap). Default: true. */
  collect?: boolean
}

/** The isolate's JS heap inside workerd, read through an inspector proxy, after a full GC where affordable. */
export async function isolateHeap(inspectorPort: number, options: IsolateHeapOptions = {}): Promise<IsolateHeap> {
  const { target = 'ws', collect = true } = options
  // The proxy refuses connections without an allowed Origin; undici's WebSocket takes headers as an extension.
  const WebSocketCtor = (globalThis as { WebSocket?: new (url: string, init?: unknown) => WebSocket }).WebSocket
  if (!WebSocketCtor) throw new Error('story-search: run with node --experimental-websocket (Node 20) to reach the inspector')
  const socket = new WebSocketCtor(`ws://127.0.0.1:${inspectorPort}/${target}`, { headers: { Origin: 'http://127.0.0.1' } })
  let nextId = 1
  const pending = new Map<number, (value: { result?: Record<string, number>; error?: unknown }) => void>()
  socket.addEventListener('message', (event) => {
    const data = String((event as MessageEvent).data)
    if (data.startsWith('{"method":"HeapProfiler.addHeapSnapshotChunk"')) return
    const message = JSON.parse(data) as { id?: number; result?: Record<string, number>; error?: unknown }
    if (message.id !== undefined) pending.get(message.id)?.(message)
  })
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve())
    socket.addEventListener('error', () => reject(new Error('story-search: cannot connect to the workerd inspector')))
  })
  const send = (method: string, params: Record<string, unknown> = {}, timeoutMs = 15_000) =>
    new Promise<{ result?: Record<string, number>; error?: unknown }>((resolve) => {
      const id = nextId++
      // Cleared on the answer: a pending timer would keep the calling command alive for minutes after it is done.
      const timer = setTimeout(() => settle({ error: 'timeout' }), timeoutMs)
      const settle = (answer: { result?: Record<string, number>; error?: unknown }) => {
        clearTimeout(timer)
        pending.delete(id)
        resolve(answer)
      }
      pending.set(id, settle)
      socket.send(JSON.stringify({ id, method, params }))
    })
  const usage = async () => {
    const answer = await send('Runtime.getHeapUsage')
    if (!answer.result) throw new Error(`story-search: Runtime.getHeapUsage failed: ${JSON.stringify(answer.error)}`)
    return { used: answer.result.usedSize!, total: answer.result.totalSize! }
  }
  try {
    const before = await usage()
    let collected = false
    if (collect && before.used < SNAPSHOT_MAX_HEAP_BYTES) {
      const snapshot = await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 180_000)
      collected = snapshot.error === undefined
    }
    const after = collected ? await usage() : before
    return { usedBytes: after.used, totalBytes: after.total, beforeGcBytes: before.used, collected }
  } finally {
    socket.close()
  }
}
