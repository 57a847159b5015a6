// Renders a story in its format and says which file extension that format uses.

import type { Story, StoryFormat } from '../make-story'
import { renderAo3Html } from './ao3-html'
import { renderByline } from './byline'
import { renderEfiction } from './efiction'
import { renderFfn } from './ffn'
import { renderMarkdown } from './markdown'
import { renderTitleDate } from './title-date'

const RENDERERS: Record<StoryFormat, { extension: string; render: (story: Story) => string }> = {
  efiction: { extension: 'txt', render: renderEfiction },
  'title-date': { extension: 'txt', render: renderTitleDate },
  byline: { extension: 'txt', render: renderByline },
  ffn: { extension: 'txt', render: renderFfn },
  markdown: { extension: 'md', render: renderMarkdown },
  'ao3-html': { extension: 'html', render: renderAo3Html },
}

export function renderStory(story: Story): { extension: string; text: string } {
  const { extension, render } = RENDERERS[story.format]
  return { extension, text: render(story) }
}
