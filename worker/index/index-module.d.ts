// The bundled index directory's text: a Text module that each wrangler config's [alias] points at its own build output.
declare module 'story-search:index' {
  const text: string
  export default text
}
