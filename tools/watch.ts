// Watches folders and runs a task after changes settle: one run at a time, and one more if changes arrive meanwhile.
import { watch, type FSWatcher } from 'node:fs'

export interface WatchOptions {
  /** Folders to watch, recursively. */
  paths: string[]
  /**
   * Quiet period after the last change before `onChange` runs, in milliseconds, or per watched folder (the longest of
   * the folders changed since the last run counts). Default: 300.
   */
  debounceMs?: number | ((folder: string) => number)
  /** Called for each file event, with the path relative to the watched folder it is in; false ignores it. Default: all. */
  filter?: (path: string, folder: string) => boolean
  /** The work to do after changes; never runs twice at once. */
  onChange: () => Promise<void>
}

export const DEFAULT_DEBOUNCE_MS = 300

export interface Watcher {
  close: () => void
  /** Resolves when no run is pending or in progress (for tests and shutdown). */
  idle: () => Promise<void>
}

/**
 * Starts watching. Changes during a run are not lost: they schedule exactly one more run after it.
 *
 * @example watchAndRun({ paths: ['stories'], onChange: () => rebuild() })
 */
export function watchAndRun(options: WatchOptions): Watcher {
  const { debounceMs = DEFAULT_DEBOUNCE_MS } = options
  const quietFor = typeof debounceMs === 'number' ? () => debounceMs : debounceMs
  const filter = options.filter ?? (() => true)
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> | null = null
  let again = false
  // The quiet period the changes since the last run ask for.
  let pendingMs = 0

  const run = () => {
    timer = undefined
    pendingMs = 0
    if (running) {
      again = true
      return
    }
    running = options.onChange().finally(() => {
      running = null
      if (again) {
        again = false
        run()
      }
    })
  }
  const schedule = (path: string | null, folder: string) => {
    if (path !== null && !filter(path, folder)) return
    pendingMs = Math.max(pendingMs, quietFor(folder))
    clearTimeout(timer)
    timer = setTimeout(run, pendingMs)
  }

  // fs.watch is recursive on Linux, macOS and Windows from Node 20. A rename of the watched folder itself
  // ends the watch; that is reported rather than silently ignored.
  const watchers: FSWatcher[] = options.paths.map((path) =>
    watch(path, { recursive: true }, (_event, file) => schedule(file === null ? null : String(file), path)).on('error', (error) =>
      console.error(`story-search: stopped watching ${path}: ${error.message}`),
    ),
  )
  return {
    close: () => {
      clearTimeout(timer)
      for (const watcher of watchers) watcher.close()
    },
    idle: async () => {
      while (timer || running) await (running ?? new Promise((resolve) => setTimeout(resolve, Math.max(pendingMs, 10))))
    },
  }
}
