// Tests for writing the relevance section into BENCHMARKS.md without touching anyone else's sections.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SECTION_END, SECTION_START, writeSection } from './report'

let scratch: string

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'eval-report-test-'))
})

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true })
})

describe('writeSection', () => {
  it('starts a BENCHMARKS.md when there is none', async () => {
    const text = await writeSection(join(scratch, 'missing.md'), 'TABLE', null)
    expect(text.startsWith('# Benchmarks\n\n')).toBe(true)
    expect(text).toContain(`${SECTION_START}\n## Relevance`)
    expect(text).toContain('TABLE')
    expect(text.trimEnd().endsWith(SECTION_END)).toBe(true)
  })

  it('replaces only its own section and keeps the others in place', async () => {
    const file = join(scratch, 'other.md')
    await writeFile(file, `# Benchmarks\n\n## Build\nbuild numbers\n\n${SECTION_START}\nold\n${SECTION_END}\n\n## Latency\nlatency numbers\n`)
    const text = await writeSection(file, 'NEW TABLE', 'NEW EXPERIMENTS')
    expect(text).toMatch(/^# Benchmarks\n\n## Build\nbuild numbers\n\n<!-- relevance:start -->/)
    expect(text).toContain('NEW TABLE')
    expect(text).not.toContain('\nold\n')
    expect(text.endsWith(`${SECTION_END}\n\n## Latency\nlatency numbers\n`)).toBe(true)
  })

  it('keeps the previous experiments when a run did not do any', async () => {
    const file = join(scratch, 'kept.md')
    await writeFile(file, await writeSection(file, 'FIRST', 'GRID RESULTS'))
    const text = await writeSection(file, 'SECOND', null)
    expect(text).toContain('SECOND')
    expect(text).not.toContain('FIRST')
    expect(text).toContain('GRID RESULTS')
    expect(text.split(SECTION_START)).toHaveLength(2)
  })
})
