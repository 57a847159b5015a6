// /embed: how another site embeds the search widget, with the widget itself running on the page.
import type { ArchiveExamples } from '../present/archive-examples'
import { Layout } from './layout'

export function EmbedPage({ origin, tips }: { origin: string; tips: ArchiveExamples }) {
  const snippet = `<script src="${origin}/embed.js" defer></script>
<story-search endpoint="${origin}" placeholder="Search the archive"></story-search>`
  const theming = `story-search {
  --story-search-accent: #0b6e4f;
  --story-search-radius: 0;
  --story-search-font: Georgia, serif;
}`
  return (
    <Layout title="Embed the search – story-search" description="Put a story-search box on your own site with one script tag." scripts={['/embed.js']} bodyClass="embed-page">
      <article class="prose">
        <h1>Put this search on your site</h1>
        <p>
          Add two lines to any page. The widget is a custom element: its styles live in its own Shadow DOM, so your page's CSS cannot break it and it
          cannot break your page. Results link back to the stories here.
        </p>
        <div class="code-block">
          <pre class="code" tabindex={0} aria-label="Embed code">
            <code id="embed-code">{snippet}</code>
          </pre>
          <button type="button" class="copy-button" data-copy="embed-code">
            Copy
          </button>
        </div>
        <h2>Try it</h2>
        <div class="embed-demo" id="demo-default">
          <story-search endpoint={origin} placeholder={placeholder(tips)}></story-search>
        </div>
        <h2>Theme it</h2>
        <p>CSS custom properties on the element set its colours, corners and type:</p>
        <pre class="code" tabindex={0} aria-label="Theming example">
          <code>{theming}</code>
        </pre>
        <div class="embed-demo embed-demo-themed" id="demo-themed">
          <story-search endpoint={origin} limit="3" placeholder="A themed widget"></story-search>
        </div>
        <h2>Attributes</h2>
        <dl class="attributes">
          <dt>
            <code>endpoint</code>
          </dt>
          <dd>The story-search site to search (required).</dd>
          <dt>
            <code>limit</code>
          </dt>
          <dd>Results shown, 1 to 20 (default 5); a link below them opens all of them here.</dd>
          <dt>
            <code>params</code>
          </dt>
          <dd>
            Filters for every search, as this site's parameters: <code>fandom=Smallville&amp;rating=-Explicit</code>.
          </dd>
          <dt>
            <code>theme</code>
          </dt>
          <dd>
            <code>light</code> or <code>dark</code>; without it, dark only when your page allows it (<code>color-scheme: light dark</code>) and the
            reader's system is dark.
          </dd>
          <dt>
            <code>placeholder</code>
          </dt>
          <dd>Text in the empty box.</dd>
          <dt>
            <code>label</code>
          </dt>
          <dd>The box's name for screen readers (default "Search stories").</dd>
        </dl>
      </article>
    </Layout>
  )
}

/** "Try …" with a word and a pairing of this archive's stories. */
function placeholder(tips: ArchiveExamples): string {
  const tries = [tips.word, tips.pairing].filter((example): example is string => example !== null).map((example) => `“${example}”`)
  return tries.length > 0 ? `Try ${tries.join(' or ')}` : 'Search the stories'
}
