// The HTML answer to a failed page request.
import { Layout } from './layout'

export function ErrorPage({ status, message }: { status: number; message: string }) {
  return (
    <Layout title={`${status} – story-search`}>
      <section class="error">
        <h1>{status === 404 ? 'Not found' : status >= 500 ? 'Something went wrong' : 'That request did not work'}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Back to search</a>
        </p>
      </section>
    </Layout>
  )
}
