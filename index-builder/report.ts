// Human-readable build summaries for the command line.
import type { BuildProblem } from '../core/story-record'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`
}

/** One line per problem, so a maintainer sees every file the build had trouble with. */
export function formatProblems(problems: BuildProblem[], reportFile: string): string {
  const lines = problems.map((p) => `  ${p.severity}: ${p.file}: ${p.problem} (${p.action})`)
  return [`${problems.length} problem(s), also written to ${reportFile}:`, ...lines].join('\n')
}
