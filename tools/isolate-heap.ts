// The memory of a Worker's isolate inside workerd, read over the DevTools protocol through wrangler dev's inspector
// (`wrangler dev --inspector-port N`): its JS heap, and the array buffers beside it (the index pieces an isolate reads
// and keeps are buffers, outside the JS heap, and an isolate's 128 MB holds both). Used by the deploy budget check,
// the benchmarks and the load test.

/** Above this, the heap snapshot that forces a GC is too large to stream through the inspector in reasonable time. */
const SNAPSHOT_MAX_HEAP_BYTES = 400 * 1024 * 1024

export interface IsolateHeap {
  /** Used JS heap; after a full GC when `collected`. */
  usedBytes: number
  totalBytes: number
  /** Used JS heap as first read, garbage included. */
  beforeGcBytes: number
  /** Bytes of array buffers (and external strings) beside the heap, when and as `usedBytes` was read. */
  buffersBytes: number
  /** The same as first read, garbage included. */
  beforeGcBuffersBytes: number
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

/** What an isolate holds: its used JS heap and the array buffers beside it; as first read, garbage included, with `beforeGc`. */
export function heldBytes(heap: IsolateHeap, beforeGc = false): number {
  return beforeGc ? heap.beforeGcBytes + heap.beforeGcBuffersBytes : heap.usedBytes + heap.buffersBytes
}

/** The isolate's JS heap and buffers inside workerd, read through an inspector proxy, after a full GC where affordable. */
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
    const { usedSize, totalSize, backingStorageSize } = answer.result
    // A V8 too old to report buffers would understate what the isolate holds: say so rather than count them as none.
    if (backingStorageSize === undefined) throw new Error('story-search: Runtime.getHeapUsage does not report array buffers (backingStorageSize); a newer workerd is needed')
    return { used: usedSize!, total: totalSize!, buffers: backingStorageSize }
  }
  try {
    const before = await usage()
    let collected = false
    if (collect && before.used < SNAPSHOT_MAX_HEAP_BYTES) {
      const snapshot = await send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }, 180_000)
      collected = snapshot.error === undefined
    }
    const after = collected ? await usage() : before
    return { usedBytes: after.used, totalBytes: after.total, beforeGcBytes: before.used, buffersBytes: after.buffers, beforeGcBuffersBytes: before.buffers, collected }
  } finally {
    socket.close()
  }
}
