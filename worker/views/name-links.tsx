// Names (authors, fandoms, ships...) as links to the search that filters by each: one component for every page.
import { searchHref, type FilterField } from '../../static/search-url.js'

export function NameLinks({ field, values, separator }: { field: FilterField; values: string[]; separator: string }) {
  return (
    <>
      {values.map((value, i) => (
        <>
          {i > 0 ? separator : ''}
          <a class="name-link" href={searchHref(new URLSearchParams({ [field]: value }))}>
            {value}
          </a>
        </>
      ))}
    </>
  )
}
