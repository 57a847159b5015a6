// A small JSON Schema checker for the subset the OpenAPI document uses ($ref, type, enum, required, properties, items, min/maxItems).
type Schema = Record<string, any>

/** Returns the paths that break the schema; empty when `value` conforms. */
export function validate(value: unknown, schema: Schema, root: Schema, path = '$'): string[] {
  if (schema.$ref) {
    const target = (schema.$ref as string).replace(/^#\//, '').split('/').reduce((node: any, key) => node?.[key], root)
    if (!target) return [`${path}: unresolved ${schema.$ref}`]
    return validate(value, target, root, path)
  }
  const errors: string[] = []
  if (schema.type) {
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type]
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value
    const ok = types.some((type) => type === actual || (type === 'integer' && Number.isInteger(value)) || (type === 'number' && typeof value === 'number'))
    if (!ok) return [`${path}: expected ${types.join('|')}, got ${actual}`]
    if (value === null) return []
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`)
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`)
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`)
    if (schema.items) value.forEach((item, i) => errors.push(...validate(item, schema.items, root, `${path}[${i}]`)))
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${path}: missing ${key}`)
    for (const [key, child] of Object.entries(record)) {
      if (schema.properties?.[key]) errors.push(...validate(child, schema.properties[key], root, `${path}.${key}`))
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') errors.push(...validate(child, schema.additionalProperties, root, `${path}.${key}`))
    }
  }
  return errors
}
